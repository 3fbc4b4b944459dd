package interviewlab.support.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The claims the docs declare, one per line {@code - **TK-1** statement — explanation}, outside code fences. Any
 * list marker declares one ({@code *}, {@code +}, {@code 1.}, {@code 1)}, indented or not), as a reader would take
 * it for a claim; a line that starts with a bold ID in any other form is a problem, so that no claim escapes.
 */
final class DocClaims {
    private static final String ID = "[A-Z][A-Z0-9]*-[0-9]+";
    private static final String LIST_MARKER = "[ \\t]*(?:[-*+]|[0-9]{1,9}[.)])[ \\t]+";
    private static final Pattern DECLARATION =
            Pattern.compile("^" + LIST_MARKER + "\\*\\*(" + ID + ")\\*\\*[ \\t]+(\\S.*)$");
    private static final Pattern STARTS_LIKE_A_CLAIM =
            Pattern.compile("^(?:" + LIST_MARKER + "|[ \\t]*)(?:\\*\\*|__)[ \\t]*(" + ID + ")\\b");
    private static final String TEST_SOURCES = "/src/test/java/";
    private static final String EXPLANATION = " — ";
    private final Repo repo;

    DocClaims(Path root) {
        this.repo = new Repo(root);
    }

    /** Every claim in docs/*.md; an ID declared twice is a problem naming both places. */
    Scanned<DocClaim> read() {
        List<DocClaim> claims = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, DocClaim> byId = new HashMap<>();
        for (Path doc : repo.docs()) {
            MarkdownFile markdown = new MarkdownFile(doc, repo.read(doc));
            for (int i = 0; i < markdown.lines().size(); i++) {
                if (markdown.fenced(i)) {
                    continue;
                }
                String line = markdown.lines().get(i);
                Matcher declaration = DECLARATION.matcher(line);
                if (!declaration.matches()) {
                    Matcher lookalike = STARTS_LIKE_A_CLAIM.matcher(line);
                    if (lookalike.find()) {
                        problems.add(new Problem(
                                repo.relative(doc),
                                i + 1,
                                "this line starts like claim "
                                        + lookalike.group(1) + " but does not declare it: write it as a list item, - **"
                                        + lookalike.group(1) + "** and its statement"));
                    }
                    continue;
                }
                DocClaim claim = new DocClaim(
                        declaration.group(1),
                        statement(declaration.group(2)),
                        repo.relative(doc),
                        i + 1,
                        linkedTests(doc, line));
                DocClaim first = byId.putIfAbsent(claim.id(), claim);
                if (first == null) {
                    claims.add(claim);
                } else {
                    problems.add(new Problem(
                            claim.doc(),
                            claim.line(),
                            "claim " + claim.id() + " is declared again (first at " + first.doc() + ":" + first.line()
                                    + "); IDs must be unique"));
                }
            }
        }
        return new Scanned<>(claims, problems);
    }

    /** The test sources the claim's line links to. */
    private List<String> linkedTests(Path doc, String line) {
        return Links.filesLinked(repo.root(), doc, line).stream()
                .map(repo::relative)
                .filter(file -> ("/" + file).contains(TEST_SOURCES) && file.endsWith(".java"))
                .distinct()
                .toList();
    }

    /** The claim itself, without the explanation after " — " and with links reduced to their text. */
    private static String statement(String text) {
        int dash = text.indexOf(EXPLANATION);
        return MarkdownFile.withoutLinks(dash < 0 ? text : text.substring(0, dash))
                .strip();
    }
}
