package interviewlab.support.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The claims the docs declare, one per line {@code - **TK-1** statement — explanation}, outside code fences. */
final class DocClaims {
    private static final Pattern DECLARATION = Pattern.compile("^- \\*\\*([A-Z][A-Z0-9]*-[0-9]+)\\*\\* (.+)$");
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
                Matcher declaration = DECLARATION.matcher(markdown.lines().get(i));
                if (markdown.fenced(i) || !declaration.matches()) {
                    continue;
                }
                DocClaim claim = new DocClaim(declaration.group(1), statement(declaration.group(2)),
                        repo.relative(doc), i + 1);
                DocClaim first = byId.putIfAbsent(claim.id(), claim);
                if (first == null) {
                    claims.add(claim);
                } else {
                    problems.add(new Problem(claim.doc(), claim.line(), "claim " + claim.id()
                            + " is declared again (first at " + first.doc() + ":" + first.line() + "); IDs must be unique"));
                }
            }
        }
        return new Scanned<>(claims, problems);
    }

    /** The claim itself, without the explanation after " — " and with links reduced to their text. */
    private static String statement(String text) {
        int dash = text.indexOf(EXPLANATION);
        return MarkdownFile.withoutLinks(dash < 0 ? text : text.substring(0, dash)).strip();
    }
}
