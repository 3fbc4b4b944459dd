package interviewlab.support.ledger;

import interviewlab.support.observed.Outcome;
import interviewlab.support.observed.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Figures in the docs come from runs, never from typing. A demo writes what it observed to
 * {@code <module>/target/observed/NAME.json}; a doc marks where it goes with {@code <!-- observed: NAME -->} and
 * {@code <!-- end-observed -->}. {@code ./lab docs} copies the latest outcome to {@code docs/observed/NAME.json}
 * (committed, so the figures keep their data) and renders it between the markers. The check finds regions whose
 * outcome is missing, is named by no code, or differs from what is rendered, and measured tables outside any region.
 */
final class ObservedRegions {
    private static final Pattern DOC_START = Pattern.compile("<!--\\s*observed:\\s*(\\S+)\\s*-->");
    private static final Pattern DOC_END = Pattern.compile("<!--\\s*end-observed\\s*-->");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*)$");
    /** What a verdict names when it names a claim; anything else is a finding of the run, such as "fsync always". */
    private static final Pattern CLAIM_ID = Pattern.compile("[A-Z][A-Z0-9]*-[0-9]+");

    private static final String MEASURED = "(measured)";
    private final Repo repo;
    private final Set<String> declaredClaims;

    ObservedRegions(Path root) {
        this.repo = new Repo(root);
        this.declaredClaims =
                new DocClaims(root).read().found().stream().map(DocClaim::id).collect(Collectors.toSet());
    }

    /** Where the committed outcome of that name lives. */
    Path committed(String name) {
        return repo.root().resolve("docs/observed").resolve(name + ".json");
    }

    List<Problem> check() {
        List<Problem> problems = new ArrayList<>();
        for (Path doc : repo.markdownFiles()) {
            problems.addAll(update(new MarkdownFile(doc, repo.read(doc))).problems());
        }
        return problems;
    }

    /**
     * Copies each region's latest outcome from the modules' build output into docs/observed, then renders every
     * region; found lists the files that changed. A doc with a problem other than drift is left as it is, and the
     * problem reported, so a half-fixed doc never lands.
     */
    Scanned<Path> rewrite() {
        List<Path> changed = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Path> docs = repo.markdownFiles();
        for (Path doc : docs) {
            for (String name : regionNames(new MarkdownFile(doc, repo.read(doc)))) {
                Optional<Path> latest = latest(name);
                if (latest.isPresent() && !repo.read(latest.get()).equals(readIfPresent(committed(name)))) {
                    repo.write(committed(name), repo.read(latest.get()));
                    changed.add(committed(name));
                }
            }
        }
        for (Path doc : docs) {
            Update update = update(new MarkdownFile(doc, repo.read(doc)));
            List<Problem> blocking = update.problems().stream()
                    .filter(problem -> !update.drifted().contains(problem))
                    .toList();
            problems.addAll(blocking);
            String text = update.doc().withLines(update.lines());
            if (blocking.isEmpty() && !text.equals(update.doc().text())) {
                repo.write(update.doc().path(), text);
                changed.add(update.doc().path());
            }
        }
        return new Scanned<>(changed, problems);
    }

    /** A doc with its regions rendered, every problem found, and which of those are only drift. */
    private record Update(MarkdownFile doc, List<String> lines, List<Problem> problems, List<Problem> drifted) {}

    private Update update(MarkdownFile doc) {
        String where = repo.relative(doc.path());
        List<String> lines = doc.lines();
        List<String> updated = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Problem> drifted = new ArrayList<>();
        // The level of the measured section's heading while inside it, 0 outside: its sub-sections are measured too.
        int measuredLevel = 0;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher heading = HEADING.matcher(line);
            if (!doc.fenced(i) && heading.matches()) {
                int level = heading.group(1).length();
                if (heading.group(2).contains(MEASURED)) {
                    measuredLevel = level;
                } else if (level <= measuredLevel) {
                    measuredLevel = 0;
                }
            }
            Matcher opening = DOC_START.matcher(line.strip());
            if (doc.fenced(i) || !opening.matches()) {
                boolean tableStarts = line.strip().startsWith("|")
                        && (i == 0 || !lines.get(i - 1).strip().startsWith("|"));
                if (measuredLevel > 0 && !doc.fenced(i) && tableStarts) {
                    problems.add(new Problem(
                            where,
                            i + 1,
                            "a table in a measured section outside an observed region: "
                                    + "figures come from a run (<!-- observed: NAME --> ... <!-- end-observed -->)"));
                }
                updated.add(line);
                i++;
                continue;
            }
            updated.add(line);
            int end = i + 1;
            while (end < lines.size()
                    && !DOC_END.matcher(lines.get(end).strip()).matches()) {
                end++;
            }
            String name = opening.group(1);
            List<String> current = lines.subList(i + 1, end);
            if (end == lines.size()) {
                problems.add(
                        new Problem(where, i + 1, "observed region '" + name + "' has no <!-- end-observed --> line"));
                updated.addAll(current);
                break;
            }
            Optional<List<String>> rendered = render(name, doc.path(), where, i + 1, problems);
            if (rendered.isPresent() && !rendered.get().equals(current)) {
                Problem drift = new Problem(
                        where,
                        i + 1,
                        "observed region '" + name + "' differs from " + repo.relative(committed(name))
                                + "; run ./lab docs");
                problems.add(drift);
                drifted.add(drift);
            }
            updated.addAll(rendered.orElse(current));
            updated.add(lines.get(end));
            i = end + 1;
        }
        return new Update(doc, updated, problems, drifted);
    }

    /** The region's Markdown from its committed outcome, or a problem saying why there is none. */
    private Optional<List<String>> render(String name, Path doc, String where, int line, List<Problem> problems) {
        Path file = committed(name);
        if (!Files.isRegularFile(file)) {
            String demo = repo.topicOf(doc).map(topic -> "./lab demo " + topic).orElse("the demo that observes it");
            problems.add(new Problem(
                    where,
                    line,
                    "observed region '" + name + "' has no outcome " + repo.relative(file) + ": run " + demo
                            + ", then ./lab docs"));
            return Optional.empty();
        }
        Outcome outcome;
        try {
            outcome = Outcome.read(file);
        } catch (UncheckedIOException e) {
            problems.add(new Problem(repo.relative(file), 1, e.getMessage()));
            return Optional.empty();
        }
        if (!outcome.name().equals(name)) {
            problems.add(new Problem(
                    repo.relative(file),
                    1,
                    "the outcome in this file is named '" + outcome.name() + "', not '" + name + "'"));
        }
        for (Verdict verdict : outcome.verdicts()) {
            if (verdict.contradicts()) {
                problems.add(
                        new Problem(
                                where,
                                line,
                                "observed region '" + name + "' holds a contradicted verdict (" + verdict.line()
                                        + "): a run that contradicts its claim is no figure for the doc; fix the cause and run the demo again"));
            }
            if (CLAIM_ID.matcher(verdict.claim()).matches() && !declaredClaims.contains(verdict.claim())) {
                problems.add(new Problem(
                        where,
                        line,
                        "observed region '" + name + "' has a verdict on " + verdict.claim()
                                + ", which no doc declares"));
            }
        }
        if (!namedInSource(outcome)) {
            problems.add(new Problem(
                    where,
                    line,
                    "observed region '" + name + "': no code produces it (" + outcome.source() + " does not name \""
                            + name + "\" in any module's src/main)"));
        }
        String link = doc.getParent().relativize(file).toString().replace('\\', '/');
        return Optional.of(outcome.markdown(link));
    }

    /** Whether the class that recorded the outcome is in the repo and still records it: {@code Observation.named("NAME"}. */
    private boolean namedInSource(Outcome outcome) {
        String path =
                "src/main/java/" + outcome.source().replaceFirst("\\$.*", "").replace('.', '/') + ".java";
        Pattern recording = Pattern.compile("Observation\\.named\\(\\s*\"" + Pattern.quote(outcome.name()) + "\"");
        return repo.modules().stream()
                .map(module -> module.resolve(path))
                .filter(Files::isRegularFile)
                .anyMatch(source -> recording.matcher(repo.read(source)).find());
    }

    private static List<String> regionNames(MarkdownFile doc) {
        List<String> names = new ArrayList<>();
        List<String> lines = doc.lines();
        for (int i = 0; i < lines.size(); i++) {
            Matcher opening = DOC_START.matcher(lines.get(i).strip());
            if (!doc.fenced(i) && opening.matches()) {
                names.add(opening.group(1));
            }
        }
        return names;
    }

    /** The newest outcome of that name any module's demo wrote. */
    private Optional<Path> latest(String name) {
        return repo.modules().stream()
                .map(module -> module.resolve("target/observed").resolve(name + ".json"))
                .filter(Files::isRegularFile)
                .max(Comparator.comparing(ObservedRegions::lastModified));
    }

    private String readIfPresent(Path file) {
        return Files.isRegularFile(file) ? repo.read(file) : null;
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new LedgerException("cannot read the time of " + file + ": " + e.getMessage());
        }
    }
}
