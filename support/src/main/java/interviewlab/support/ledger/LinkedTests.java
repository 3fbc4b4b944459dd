package interviewlab.support.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A claim's line names its proof by linking a test class; the link must lead to a class with a test that names the
 * claim, or the reader who follows it finds a test that proves something else.
 */
final class LinkedTests {
    private LinkedTests() {}

    /** A problem for each test class a claim links to that has no {@code @Claim} of that claim. */
    static List<Problem> check(Path root, List<DocClaim> claims, List<TestClaim> tests) {
        List<Problem> problems = new ArrayList<>();
        for (DocClaim claim : claims) {
            for (String linked : claim.linkedTests()) {
                // A link to a file that does not exist is the link check's to report.
                boolean names = tests.stream()
                        .anyMatch(test ->
                                test.id().equals(claim.id()) && test.file().equals(linked));
                if (!names && Files.isRegularFile(root.resolve(linked))) {
                    problems.add(new Problem(
                            claim.doc(),
                            claim.line(),
                            "claim " + claim.id() + " links to " + linked + ", which has no test with @Claim(\""
                                    + claim.id() + "\"): link the test that proves it"));
                }
            }
        }
        return problems;
    }
}
