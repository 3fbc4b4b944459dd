package interviewlab.support.ledger;

import interviewlab.support.figures.BarChart;
import interviewlab.support.figures.ChartSpec;
import interviewlab.support.observed.Outcome;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Charts in the docs are drawn from the same committed outcomes as the observed regions' tables. A doc declares one
 * with {@code <!-- chart: NAME from=OUTCOME ... -->} ({@link ChartSpec}) and {@code <!-- end-chart -->}; {@code ./lab
 * docs} draws docs/figures/NAME.svg and puts its image line between the markers. Each figure carries a fingerprint
 * of its marker and its outcome's data, so the check knows a figure drawn from other data, wherever it was drawn
 * (fonts differ between machines, so the SVG's bytes may too).
 */
final class ChartRegions {
    private static final Pattern END = Pattern.compile("<!--\\s*end-chart\\s*-->");
    private static final String FIGURES = "docs/figures";

    private final Repo repo;

    ChartRegions(Path root) {
        this.repo = new Repo(root);
    }

    List<Problem> check() {
        return update(false).problems();
    }

    /** Draws every figure whose fingerprint is not the expected one and writes every image line. */
    Scanned<Path> rewrite() {
        return update(true);
    }

    private Scanned<Path> update(boolean write) {
        List<Path> changed = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Set<String> drawn = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (Path doc : repo.docs()) {
            MarkdownFile file = new MarkdownFile(doc, repo.read(doc));
            String where = repo.relative(doc);
            List<String> lines = new ArrayList<>(file.lines());
            boolean docChanged = false;
            for (int i = 0; i < lines.size(); i++) {
                if (file.fenced(i)
                        || !ChartSpec.MARKER.matcher(lines.get(i).strip()).matches()) {
                    continue;
                }
                ChartSpec spec;
                try {
                    spec = ChartSpec.parse(lines.get(i));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(where, i + 1, e.getMessage()));
                    continue;
                }
                if (!seen.add(spec.name())) {
                    problems.add(new Problem(
                            where,
                            i + 1,
                            "chart " + spec.name() + " is declared twice: each chart has one name, and one figure"));
                    continue;
                }
                drawn.add(spec.name());
                if (i + 2 >= lines.size()
                        || !END.matcher(lines.get(i + 2).strip()).matches()) {
                    problems.add(new Problem(
                            where,
                            i + 1,
                            "chart " + spec.name()
                                    + " needs its image line, then <!-- end-chart -->, on the two lines after it"));
                    continue;
                }
                Path data = repo.root().resolve("docs/observed").resolve(spec.outcome() + ".json");
                if (!Files.isRegularFile(data)) {
                    problems.add(new Problem(
                            where,
                            i + 1,
                            "chart " + spec.name() + " draws outcome "
                                    + spec.outcome() + ", which has no " + repo.relative(data)
                                    + ": run the demo that observes it, then ./lab docs"));
                    continue;
                }
                Path figure = repo.root().resolve(FIGURES).resolve(spec.name() + ".svg");
                String note = note(spec, lines.get(i).strip(), repo.read(data));
                boolean figureCurrent =
                        Files.isRegularFile(figure) && repo.read(figure).contains(note);
                boolean lineCurrent = lines.get(i + 1).equals(spec.imageLine());
                if (figureCurrent && lineCurrent) {
                    continue;
                }
                if (!write) {
                    problems.add(new Problem(
                            where,
                            i + 1,
                            "chart " + spec.name() + ": "
                                    + (figureCurrent ? "its image line" : repo.relative(figure))
                                    + " is not what ./lab docs draws from " + repo.relative(data)
                                    + "; run ./lab docs"));
                    continue;
                }
                if (!figureCurrent) {
                    try {
                        repo.write(figure, BarChart.svg(spec, Outcome.read(data), note));
                        changed.add(figure);
                    } catch (IllegalArgumentException | UncheckedIOException e) {
                        problems.add(new Problem(where, i + 1, e.getMessage()));
                        continue;
                    }
                }
                if (!lineCurrent) {
                    lines.set(i + 1, spec.imageLine());
                    docChanged = true;
                }
            }
            if (docChanged) {
                repo.write(doc, file.withLines(lines));
                changed.add(doc);
            }
        }
        for (Path figure : repo.filesUnder(repo.root().resolve(FIGURES)).stream()
                .filter(file -> file.getFileName().toString().endsWith(".svg"))
                .toList()) {
            String name = figure.getFileName().toString().replaceFirst("\\.svg$", "");
            if (!drawn.contains(name)) {
                problems.add(new Problem(
                        repo.relative(figure),
                        1,
                        "no doc declares chart " + name + " (<!-- chart: " + name
                                + " ... -->): delete the figure, or declare it"));
            }
        }
        return new Scanned<>(changed, problems);
    }

    /**
     * The comment a figure carries: what it was drawn from, and a fingerprint of the marker, the data and the drawing's
     * version. What the check cannot tell is a figure edited by hand that keeps its comment.
     */
    private static String note(ChartSpec spec, String marker, String data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("drawing " + BarChart.DRAWING + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(marker.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(data.getBytes(StandardCharsets.UTF_8));
            String fingerprint = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            return "Interview Lab chart " + spec.name() + ", drawn by ./lab docs from docs/observed/" + spec.outcome()
                    + ".json; fingerprint " + fingerprint;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
