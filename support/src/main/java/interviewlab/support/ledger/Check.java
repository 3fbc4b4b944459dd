package interviewlab.support.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the docs promise that can be checked without running a test: claims declared once, each named by a
 * test, each test's claim declared, every topic with its doc and in both topic tables, links that lead somewhere,
 * snippets as generated.
 */
final class Check {
    private final Path root;

    Check(Path root) {
        this.root = root;
    }

    /** What was found: the claims on both sides (the report joins them) and every problem. */
    record Outcome(List<DocClaim> claims, List<TestClaim> tests, List<Problem> problems) {
        boolean clean() {
            return problems.isEmpty();
        }

        String summary() {
            long docs = claims.stream().map(DocClaim::doc).distinct().count();
            return "ledger: " + plural(claims.size(), "claim") + " in " + plural(docs, "doc")
                    + ", each named by a test; links and snippets agree";
        }
    }

    Outcome run() {
        Repo repo = new Repo(root);
        Scanned<DocClaim> claims = new DocClaims(root).read();
        Scanned<TestClaim> tests = new TestClaims(root).read();
        List<Problem> problems = new ArrayList<>(claims.problems());
        problems.addAll(tests.problems());

        Set<String> tested = tests.found().stream().map(TestClaim::id).collect(Collectors.toSet());
        for (DocClaim claim : claims.found()) {
            if (!tested.contains(claim.id())) {
                problems.add(new Problem(
                        claim.doc(),
                        claim.line(),
                        "claim " + claim.id() + " is named by no test: put @Claim(\"" + claim.id()
                                + "\") on the test that proves it"));
            }
        }
        problems.addAll(LinkedTests.check(repo.root(), claims.found(), tests.found()));
        Set<String> declared = claims.found().stream().map(DocClaim::id).collect(Collectors.toSet());
        for (TestClaim test : tests.found()) {
            if (!declared.contains(test.id())) {
                problems.add(new Problem(
                        test.file(),
                        test.line(),
                        test.simpleName() + " names claim " + test.id() + ", which no doc declares"));
            }
        }
        for (String topic : repo.topics()) {
            Path doc = repo.docOf(topic);
            if (!Files.isRegularFile(doc)) {
                Path module = repo.moduleOf(topic);
                problems.add(new Problem(
                        repo.relative(module.resolve("pom.xml")),
                        1,
                        "topic " + topic + " has no doc: write " + repo.relative(doc)));
            }
        }
        problems.addAll(TopicTables.check(repo));
        problems.addAll(new Links(root).check());
        problems.addAll(new Snippets(root).check());
        problems.addAll(new ObservedRegions(root).check());
        problems.addAll(new ChartRegions(root).check());
        return new Outcome(claims.found(), tests.found(), problems);
    }

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
