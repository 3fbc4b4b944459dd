package interviewlab.support.ledger;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every relative link in README.md and the docs must lead somewhere: to a file that exists and, for a Markdown
 * file, to an anchor it has. Links to the web are not followed (the check must work offline).
 */
final class Links {
    private static final Pattern LINK =
            Pattern.compile("\\[[^\\]]*\\]\\(\\s*(<[^>]*>|[^\\s)]*)(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+).+?\\1");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private final Repo repo;
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    Links(Path root) {
        this.repo = new Repo(root);
    }

    List<Problem> check() {
        List<Problem> problems = new ArrayList<>();
        for (Path file : repo.markdownFiles()) {
            MarkdownFile markdown = new MarkdownFile(file, repo.read(file));
            for (int i = 0; i < markdown.lines().size(); i++) {
                if (markdown.fenced(i)) {
                    continue;
                }
                // Code spans show link syntax without making links, as GitHub renders them.
                String line = INLINE_CODE.matcher(markdown.lines().get(i)).replaceAll("");
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    String broken = broken(file, link.group(1));
                    if (broken != null) {
                        problems.add(new Problem(repo.relative(file), i + 1, "broken link " + link.group() + ": " + broken));
                    }
                }
            }
        }
        return problems;
    }

    /** Why the link from {@code file} to {@code target} leads nowhere, or null when it leads somewhere. */
    private String broken(Path file, String target) {
        if (target.startsWith("<") && target.endsWith(">")) {
            target = target.substring(1, target.length() - 1);
        }
        if (target.isBlank()) {
            return "the target is empty";
        }
        if (SCHEME.matcher(target).find()) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = decode(hash < 0 ? target : target.substring(0, hash));
        String anchor = hash < 0 ? "" : decode(target.substring(hash + 1));
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);

        Path resolved;
        try {
            resolved = path.isEmpty() ? file
                    : (path.startsWith("/") ? repo.root().resolve(path.substring(1)) : file.getParent().resolve(path))
                            .normalize();
        } catch (InvalidPathException e) {
            return "it is not a valid path";
        }
        if (!resolved.startsWith(repo.root())) {
            return "it points outside the repository";
        }
        if (!Files.exists(resolved)) {
            return repo.relative(resolved) + " does not exist";
        }
        // Anchors are checked in Markdown only: a source file's #L10 is GitHub's, not the file's.
        boolean markdown = resolved.getFileName().toString().endsWith(".md") && Files.isRegularFile(resolved);
        if (!anchor.isEmpty() && markdown && !anchorsOf(resolved).contains(anchor)) {
            return repo.relative(resolved) + " has no anchor #" + anchor;
        }
        return null;
    }

    private Set<String> anchorsOf(Path markdown) {
        return anchors.computeIfAbsent(markdown, path -> new MarkdownFile(path, repo.read(path)).anchors());
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a stray % is taken literally
        }
    }
}
