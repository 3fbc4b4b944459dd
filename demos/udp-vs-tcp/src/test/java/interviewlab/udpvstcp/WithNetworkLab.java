package interviewlab.udpvstcp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One sender and one receiver for all the tests of a class: each experiment runs in a fresh JVM in the sender anyway. */
abstract class WithNetworkLab {
    static NetworkLab lab;

    @BeforeAll
    static void startTheLab() {
        lab = new NetworkLab();
    }

    @AfterAll
    static void stopTheLab() {
        if (lab != null) {   // null when the lab failed to start: it has closed what it had started
            lab.close();
        }
    }
}
