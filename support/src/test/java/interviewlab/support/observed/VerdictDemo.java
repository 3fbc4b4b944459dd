package interviewlab.support.observed;

import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.ShellService;
import java.util.List;

/**
 * A demo as small as a demo can be, for {@link DemoRunTest}: with "shown" it records an outcome whose check holds,
 * with "contradicted" one whose check observed what its claim says cannot happen, with "with-a-fault" it also pauses
 * a container and heals it, for its report's timeline. It names the scenarios it runs:
 * three, or in the quick version the one it keeps.
 */
public final class VerdictDemo {
    public static void main(String[] args) {
        DemoRun.main("support", VerdictDemo.class, List.of("nothing but the JVM"), run -> {
            int lost = args[0].equals("contradicted") ? 3 : 0;
            run.narrator()
                    .say("demo", "runs %s", DemoRun.scenarios(List.of("first", "second", "third"), List.of("second")));
            if (args[0].equals("with-a-fault")) {
                try (ShellService shell = new ShellService("shell")) {
                    shell.start();
                    run.narrator().say("demo", "pausing the shell");
                    try (Fault pause = Faults.pause(shell)) {
                        // healed at once: the report only needs a fault between two told lines
                    }
                    shell.run("true");
                    run.narrator().say("demo", "the shell runs again");
                }
            }
            run.record(Observation.named("verdict-demo", "A run that lost " + lost, "lost")
                    .row(lost)
                    .verdict(Verdict.holdsIf(lost == 0, "TK-17", "nothing lost", lost + " lost")));
        });
    }

    private VerdictDemo() {}
}
