package interviewlab.udpvstcp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One sender and one receiver for all the tests of a class: each experiment runs in a fresh JVM in the sender anyway. */
abstract class WithNetworkLab {
    /** Shared by every subclass, one class at a time: null between classes, and when the lab failed to start. */
    static NetworkLab lab;

    @BeforeAll
    static void startTheLab() {
        lab = new NetworkLab();
    }

    @AfterAll
    static void stopTheLab() {
        try {
            if (lab != null) { // a lab that failed to start has closed what it had started
                lab.close();
            }
        } finally {
            lab = null; // so that the next class never finds this closed one
        }
    }
}
