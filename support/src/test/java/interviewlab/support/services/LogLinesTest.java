package interviewlab.support.services;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogLinesTest {

    @Test
    @Claim("TK-14")
    void onceAKilledContainersOutputHasEndedEveryLineItPrintedIsRecordedInOrder() {
        // given: a container that prints 20,000 numbered lines at once
        LogLines output = new LogLines();
        try (ShellService printer = new ShellService("printer")) {
            printer.withCommand("sh", "-c", "seq 1 20000; sleep infinity").withLogConsumer(output);
            printer.start();
            // when: it is killed while Docker may still be delivering its output
            Faults.killNine(printer);
        }
        // then: once the output has ended, every line is there, in order
        output.awaitEnd(Duration.ofSeconds(30));
        assertThat(output.lines()).as("after awaitEnd, lines() is everything the container printed")
                .isEqualTo(IntStream.rangeClosed(1, 20_000).mapToObj(Integer::toString).toList());
    }
}
