package interviewlab.support.services;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.output.OutputFrame;

class LogLinesTest {
    /**
     * The container prints faster than Docker's log stream delivers, so the lines still on their way grow as it
     * prints: after 30,000 have arrived, tens of thousands more are in flight (80,000 in runs on a loaded 2-core
     * machine), far more than arrive while kill -9 waits for the container to stop.
     */
    private static final int LINES_BEFORE_THE_KILL = 30_000;
    /** The printer starts once this file exists: after start() has returned and the test is listening. */
    private static final String GO = "/tmp/go";

    @Test
    @Claim("TK-14")
    void onceAKilledContainersOutputHasEndedEveryLineItPrintedIsRecordedInOrder() {
        LogLines output = new LogLines();
        try (ShellService printer = new ShellService("printer")) {
            // given: a container that, once told to go, prints numbered lines as fast as it can until it is killed
            printer.withCommand(
                            "sh",
                            "-c",
                            "until [ -e " + GO + " ]; do sleep 0.01; done;"
                                    + " i=0; while :; do i=$((i + 1)); echo $i; done")
                    .withLogConsumer(output);
            printer.start();
            printer.run("touch", GO);
            output.await(line -> line.equals(Integer.toString(LINES_BEFORE_THE_KILL)), Duration.ofSeconds(30));

            // when: it is killed in the middle of printing, while Docker is still delivering its output
            Faults.killNine(printer);
            int recordedWhenKilled = output.lines().size();
            output.awaitEnd(Duration.ofSeconds(60));

            // then: every line the container printed, as Docker logged it, has arrived, in order
            List<String> logged =
                    printer.getLogs(OutputFrame.OutputType.STDOUT).lines().toList();
            int printed = logged.size();
            System.out.printf(
                    "printed %d lines; %d recorded when kill -9 returned, %d after awaitEnd%n",
                    printed, recordedWhenKilled, output.lines().size());
            assertThat(logged)
                    .as("the container's own log: lines 1 to %d, each once, in order", printed)
                    .isEqualTo(numbered(printed));
            assertThat(recordedWhenKilled)
                    .as("when kill -9 returned, lines it had printed were still on their way:"
                            + " the race awaitEnd must win happened")
                    .isLessThan(printed);
            assertThat(output.lines())
                    .as("after awaitEnd, lines() is every line up to the last the container printed")
                    .isEqualTo(logged);
        }
    }

    private static List<String> numbered(int last) {
        return IntStream.rangeClosed(1, last).mapToObj(Integer::toString).toList();
    }
}
