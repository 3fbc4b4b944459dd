package interviewlab.support.ledger;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Markdown file's lines, which of them are inside fenced code, and the anchors a link may name. */
final class MarkdownFile {
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern EXPLICIT_ANCHOR =
            Pattern.compile("<a\\s[^>]*?\\b(?:id|name)\\s*=\\s*[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]+>");

    private final Path path;
    private final String text;
    private final List<String> lines;
    private final boolean[] fenced;

    MarkdownFile(Path path, String text) {
        this.path = path;
        this.text = text;
        this.lines = text.lines().toList();
        this.fenced = new boolean[lines.size()];
        Fences fences = new Fences();
        for (int i = 0; i < lines.size(); i++) {
            fenced[i] = fences.fenced(lines.get(i));
        }
    }

    Path path() {
        return path;
    }

    String text() {
        return text;
    }

    List<String> lines() {
        return lines;
    }

    /** Whether line {@code index} (0-based) is inside a fenced code block. */
    boolean fenced(int index) {
        return fenced[index];
    }

    /** The same file with other lines, keeping whether it ended with a newline. */
    String withLines(List<String> newLines) {
        String joined = String.join("\n", newLines);
        return text.endsWith("\n") || text.endsWith("\r") ? joined + "\n" : joined;
    }

    /** GitHub's heading slugs (duplicates numbered -1, -2 …) and every explicit {@code <a id>} or {@code <a name>}. */
    Set<String> anchors() {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (fenced[i]) {
                continue;
            }
            Matcher heading = HEADING.matcher(lines.get(i));
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int times = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(times == 0 ? slug : slug + "-" + times);
            }
            Matcher explicit = EXPLICIT_ANCHOR.matcher(lines.get(i));
            while (explicit.find()) {
                anchors.add(explicit.group(1));
            }
        }
        return anchors;
    }

    /** GitHub's slug of a heading's rendered text: lowercase, punctuation dropped, each space a hyphen. */
    static String slug(String heading) {
        String rendered =
                HTML_TAG.matcher(withoutLinks(heading)).replaceAll("").strip().toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        rendered.codePoints().forEach(c -> {
            if (c == ' ') {
                slug.append('-');
            } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            }
        });
        return slug.toString();
    }

    /** Markdown links (and images) reduced to their text, as a reader sees them. */
    static String withoutLinks(String markdown) {
        return LINK.matcher(markdown).replaceAll(link -> Matcher.quoteReplacement(link.group(1)));
    }
}
