package interviewlab.support.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The claims the tests name: each {@code @Claim("ID")} under src/test/java of support and of every demo, tied to
 * the first {@code void name(} after it. Only annotations in code count, not those in comments or strings.
 */
final class TestClaims {
    private static final Pattern CLAIM =
            Pattern.compile("@(?:[\\w.]+\\.)?Claim\\s*\\(\\s*(?:value\\s*=\\s*)?\"([^\"]*)\"\\s*\\)");
    private static final Pattern METHOD = Pattern.compile("\\bvoid\\s+([A-Za-z_$][\\w$]*)\\s*\\(");
    private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.]+)\\s*;");
    private final Repo repo;

    TestClaims(Path root) {
        this.repo = new Repo(root);
    }

    Scanned<TestClaim> read() {
        List<TestClaim> claims = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path module : repo.modules()) {
            for (Path file : repo.filesUnder(module.resolve("src/test/java"))) {
                if (file.getFileName().toString().endsWith(".java")) {
                    read(file, claims, problems);
                }
            }
        }
        return new Scanned<>(claims, problems);
    }

    private void read(Path file, List<TestClaim> claims, List<Problem> problems) {
        JavaSource source = new JavaSource(repo.read(file));
        String fileName = file.getFileName().toString();
        String simpleName = fileName.substring(0, fileName.length() - ".java".length());
        String pkg = firstInCode(PACKAGE.matcher(source.text()), source, 0);
        String className = pkg == null ? simpleName : pkg + "." + simpleName;
        Matcher claim = CLAIM.matcher(source.text());
        while (claim.find()) {
            if (!source.isCode(claim.start())) {
                continue;
            }
            int line = source.lineOf(claim.start());
            String method = firstInCode(METHOD.matcher(source.text()), source, claim.end());
            if (method == null) {
                problems.add(new Problem(
                        repo.relative(file), line, "@Claim(\"" + claim.group(1) + "\") is followed by no test method"));
            } else {
                claims.add(new TestClaim(claim.group(1), className, method, repo.relative(file), line));
            }
        }
    }

    /** Group 1 of the first match at or after {@code from} that is code, or null. */
    private static String firstInCode(Matcher matcher, JavaSource source, int from) {
        int at = from;
        while (matcher.find(at)) {
            if (source.isCode(matcher.start())) {
                return matcher.group(1);
            }
            at = matcher.start() + 1;
        }
        return null;
    }
}
