package interviewlab.support.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code in the docs is copied from the tests and demos, never typed, so it cannot drift from code that runs.
 * A source marks a snippet with a line {@code // snippet:NAME} and a line {@code // end-snippet}; a doc marks where
 * it goes with {@code <!-- snippet: NAME -->} and {@code <!-- end-snippet -->}, and everything between is generated.
 */
final class Snippets {
    private static final Pattern SOURCE_START = Pattern.compile("// snippet:\\s*(\\S+)");
    private static final String SOURCE_END = "// end-snippet";
    private static final Pattern DOC_START = Pattern.compile("<!--\\s*snippet:\\s*(\\S+)\\s*-->");
    private static final Pattern DOC_END = Pattern.compile("<!--\\s*end-snippet\\s*-->");
    private static final String FIX = "run ./lab docs";
    private final Repo repo;

    Snippets(Path root) {
        this.repo = new Repo(root);
    }

    /** Every problem with the snippets: broken or duplicate markers, unknown names, and docs that differ from the sources. */
    List<Problem> check() {
        Scanned<Snippet> sources = sources();
        List<Problem> problems = new ArrayList<>(sources.problems());
        for (DocUpdate update : updates(sources.found())) {
            problems.addAll(update.problems());
            problems.addAll(update.drifted());
        }
        return problems;
    }

    /**
     * Regenerates every doc's snippets and writes the docs that change; found lists them. With any problem other
     * than drift (which is what this repairs), nothing is written, so a half-fixed doc never lands.
     */
    Scanned<Path> rewrite() {
        Scanned<Snippet> sources = sources();
        List<DocUpdate> updates = updates(sources.found());
        List<Problem> problems = new ArrayList<>(sources.problems());
        updates.forEach(update -> problems.addAll(update.problems()));
        if (!problems.isEmpty()) {
            return new Scanned<>(List.of(), problems);
        }
        List<Path> changed = new ArrayList<>();
        for (DocUpdate update : updates) {
            String text = update.doc().withLines(update.lines());
            if (!text.equals(update.doc().text())) {
                repo.write(update.doc().path(), text);
                changed.add(update.doc().path());
            }
        }
        return new Scanned<>(changed, List.of());
    }

    private record Snippet(String name, Path file, int line, List<String> body) {}

    /** A doc with its snippet regions regenerated, the regions that differed, and what could not be generated. */
    private record DocUpdate(MarkdownFile doc, List<String> lines, List<Problem> drifted, List<Problem> problems) {}

    /** Every snippet in the sources, each name once: a second one with the same name is a problem. */
    private Scanned<Snippet> sources() {
        List<Snippet> snippets = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path module : repo.modules()) {
            for (Path file : repo.filesUnder(module.resolve("src"))) {
                String text = repo.read(file);
                if (text.contains(SOURCE_END) || text.contains("// snippet:")) {
                    read(file, text.lines().toList(), snippets, problems);
                }
            }
        }
        Map<String, Snippet> byName = new LinkedHashMap<>();
        for (Snippet snippet : snippets) {
            Snippet first = byName.putIfAbsent(snippet.name(), snippet);
            if (first != null) {
                problems.add(new Problem(
                        repo.relative(snippet.file()),
                        snippet.line(),
                        "snippet '" + snippet.name() + "' is defined again (first at " + repo.relative(first.file())
                                + ":" + first.line() + ")"));
            }
        }
        return new Scanned<>(List.copyOf(byName.values()), problems);
    }

    private void read(Path file, List<String> lines, List<Snippet> snippets, List<Problem> problems) {
        String where = repo.relative(file);
        String name = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Matcher opening = SOURCE_START.matcher(line);
            if (opening.matches()) {
                if (name != null) {
                    problems.add(new Problem(
                            where, start + 1, "snippet '" + name + "' is not closed before the next one starts"));
                }
                name = opening.group(1);
                start = i;
            } else if (line.equals(SOURCE_END)) {
                if (name == null) {
                    problems.add(new Problem(where, i + 1, SOURCE_END + " closes no snippet"));
                } else {
                    snippets.add(new Snippet(name, file, start + 1, dedent(lines.subList(start + 1, i))));
                    name = null;
                }
            }
        }
        if (name != null) {
            problems.add(new Problem(where, start + 1, "snippet '" + name + "' is never closed with " + SOURCE_END));
        }
    }

    private List<DocUpdate> updates(List<Snippet> snippets) {
        Map<String, Snippet> byName = new HashMap<>();
        snippets.forEach(snippet -> byName.put(snippet.name(), snippet));
        return repo.markdownFiles().stream()
                .map(doc -> update(new MarkdownFile(doc, repo.read(doc)), byName))
                .toList();
    }

    private DocUpdate update(MarkdownFile doc, Map<String, Snippet> snippets) {
        String where = repo.relative(doc.path());
        List<String> lines = doc.lines();
        List<String> updated = new ArrayList<>();
        List<Problem> drifted = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Fences fences = new Fences();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            updated.add(line);
            Matcher opening = DOC_START.matcher(line.strip());
            // Fences are followed outside regions only: a region's generated code has fences of its own.
            if (fences.fenced(line) || !opening.matches()) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < lines.size()
                    && !DOC_END.matcher(lines.get(end).strip()).matches()) {
                end++;
            }
            String name = opening.group(1);
            Snippet snippet = snippets.get(name);
            List<String> current = lines.subList(i + 1, end);
            if (end == lines.size()) {
                problems.add(
                        new Problem(where, i + 1, "snippet region '" + name + "' has no <!-- end-snippet --> line"));
                updated.addAll(current);
                break;
            }
            if (snippet == null) {
                problems.add(new Problem(where, i + 1, "no source has a snippet named '" + name + "'"));
                updated.addAll(current);
            } else {
                List<String> generated = generate(snippet, doc.path());
                if (!generated.equals(current)) {
                    drifted.add(new Problem(
                            where,
                            i + 1,
                            "snippet '" + name + "' differs from " + repo.relative(snippet.file()) + "; " + FIX));
                }
                updated.addAll(generated);
            }
            updated.add(lines.get(end));
            i = end + 1;
        }
        return new DocUpdate(doc, updated, drifted, problems);
    }

    /** What sits between a doc's snippet markers: the body in a fence, then where it came from. */
    private List<String> generate(Snippet snippet, Path doc) {
        String source = repo.relative(snippet.file());
        String fromDoc = doc.getParent().relativize(snippet.file()).toString().replace('\\', '/');
        List<String> lines = new ArrayList<>();
        lines.add("```" + (source.endsWith(".java") ? "java" : ""));
        lines.addAll(snippet.body());
        lines.add("```");
        lines.add("<sub>From [" + source + "](" + fromDoc + ")</sub>");
        return lines;
    }

    /** The lines without the indentation they all share (blank lines do not count and come out empty). */
    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        return lines.stream()
                .map(line -> line.isBlank() ? "" : line.substring(indent))
                .toList();
    }
}
