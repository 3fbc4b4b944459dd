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
                Matcher link = LINK.matcher(withoutCodeSpans(markdown.lines().get(i)));
                while (link.find()) {
                    String broken = broken(file, link.group(1));
                    if (broken != null) {
                        problems.add(
                                new Problem(repo.relative(file), i + 1, "broken link " + link.group() + ": " + broken));
                    }
                }
            }
        }
        return problems;
    }

    /**
     * The files the relative links on one line of {@code file} lead to, whether or not they exist; links to the web
     * and targets that are no path are left out. Claim lines name their tests this way.
     */
    static List<Path> filesLinked(Path root, Path file, String line) {
        List<Path> files = new ArrayList<>();
        Matcher link = LINK.matcher(withoutCodeSpans(line));
        while (link.find()) {
            String target = unbracketed(link.group(1));
            if (!target.isBlank() && !SCHEME.matcher(target).find()) {
                try {
                    files.add(resolve(root, file, target));
                } catch (InvalidPathException e) {
                    // not a path: the link check reports it
                }
            }
        }
        return files;
    }

    /** Code spans show link syntax without making links, as GitHub renders them. */
    private static String withoutCodeSpans(String line) {
        return INLINE_CODE.matcher(line).replaceAll("");
    }

    private static String unbracketed(String target) {
        return target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1) : target;
    }

    /** The file a relative link's target leads to: the linking file itself for an anchor alone. */
    private static Path resolve(Path root, Path file, String target) {
        String path = pathOf(target);
        return path.isEmpty()
                ? file
                : (path.startsWith("/")
                                ? root.resolve(path.substring(1))
                                : file.getParent().resolve(path))
                        .normalize();
    }

    private static String pathOf(String target) {
        int hash = target.indexOf('#');
        String path = decode(hash < 0 ? target : target.substring(0, hash));
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** Why the link from {@code file} to {@code target} leads nowhere, or null when it leads somewhere. */
    private String broken(Path file, String target) {
        target = unbracketed(target);
        if (target.isBlank()) {
            return "the target is empty";
        }
        if (SCHEME.matcher(target).find()) {
            return null;
        }
        int hash = target.indexOf('#');
        String anchor = hash < 0 ? "" : decode(target.substring(hash + 1));
        Path resolved;
        try {
            resolved = resolve(repo.root(), file, target);
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
