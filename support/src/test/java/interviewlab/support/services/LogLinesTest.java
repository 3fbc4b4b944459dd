package interviewlab.support.services;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import java.time.Duration;
import java.util.ArrayList;
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

    /**
     * On a loaded machine the printer may print so slowly that its output has all arrived by the time kill -9 returns
     * (one soak run in five saw 40,515 lines, none in flight): that run has no race to win. The story is then told again
     * on a new container, a bounded number of times.
     */
    private static final int ATTEMPTS_AT_THE_RACE = 4;

    /** What one kill in the middle of printing left: the container's own log, and what LogLines recorded. */
    private record Killed(List<String> logged, int recordedWhenKilled, List<String> recordedAfterAwaitEnd) {
        boolean raced() {
            return recordedWhenKilled < logged.size();
        }
    }

    @Test
    @Claim("TK-14")
    void onceAKilledContainersOutputHasEndedEveryLineItPrintedIsRecordedInOrder() {
        List<Killed> attempts = new ArrayList<>();
        do {
            Killed killed = killInTheMiddleOfPrinting();
            attempts.add(killed);

            // then, in every attempt: every line the container printed, as Docker logged it, has arrived, in order
            assertThat(killed.logged())
                    .as(
                            "the container's own log: lines 1 to %d, each once, in order",
                            killed.logged().size())
                    .isEqualTo(numbered(killed.logged().size()));
            assertThat(killed.recordedAfterAwaitEnd())
                    .as("after awaitEnd, lines() is every line up to the last the container printed")
                    .isEqualTo(killed.logged());
        } while (!attempts.get(attempts.size() - 1).raced() && attempts.size() < ATTEMPTS_AT_THE_RACE);

        // and the race awaitEnd must win happened: when kill -9 returned, printed lines were still on their way
        assertThat(attempts)
                .as(
                        "in one of %d attempts, lines it had printed were still on their way when kill -9 returned",
                        ATTEMPTS_AT_THE_RACE)
                .anyMatch(Killed::raced);
    }

    private static Killed killInTheMiddleOfPrinting() {
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

            List<String> logged =
                    printer.getLogs(OutputFrame.OutputType.STDOUT).lines().toList();
            System.out.printf(
                    "printed %d lines; %d recorded when kill -9 returned, %d after awaitEnd%n",
                    logged.size(), recordedWhenKilled, output.lines().size());
            return new Killed(logged, recordedWhenKilled, output.lines());
        }
    }

    private static List<String> numbered(int last) {
        return IntStream.rangeClosed(1, last).mapToObj(Integer::toString).toList();
    }
}
