package interviewlab.support.observed;

import java.util.List;

/**
 * A demo as small as a demo can be, for {@link DemoRunTest}: with "shown" it records an outcome whose check holds,
 * with "contradicted" one whose check observed what its claim says cannot happen. It names the scenarios it runs:
 * three, or in the quick version the one it keeps.
 */
public final class VerdictDemo {
    public static void main(String[] args) {
        DemoRun.main("support", VerdictDemo.class, List.of("nothing but the JVM"), run -> {
            int lost = args[0].equals("shown") ? 0 : 3;
            run.narrator()
                    .say("demo", "runs %s", DemoRun.scenarios(List.of("first", "second", "third"), List.of("second")));
            run.record(Observation.named("verdict-demo", "A run that lost " + lost, "lost")
                    .row(lost)
                    .verdict(Verdict.holdsIf(lost == 0, "TK-17", "nothing lost", lost + " lost")));
        });
    }

    private VerdictDemo() {}
}
