package interviewlab.support.figures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bar chart of an outcome's table, as a doc declares it where the chart is shown:
 *
 * <pre>{@code <!-- chart: udp-latency-tail from=udp-tcp-loss-latency x="configured loss" series=protocol y=p99
 *      scale=log title="TCP's p99 grows with loss, UDP's does not" -->}</pre>
 *
 * <p>Each row of the outcome is a bar: its category is the {@code x} column's cell (several columns, split by
 * {@code |}, are joined), and its height the first number in the {@code y} column's cell ("148.86 ms" is 148.86,
 * "5,932/6,000" is 5,932). With {@code series}, rows with the same cell there share a colour; without it, each of
 * several {@code y} columns is a series. Cells without a number ("–") draw no bar. {@code scale=log} for figures
 * that span orders of magnitude.
 *
 * @param name the chart's name: docs/figures/NAME.svg
 * @param outcome the outcome whose table it draws
 */
public record ChartSpec(
        String name,
        String outcome,
        String title,
        List<String> x,
        Optional<String> series,
        List<String> y,
        boolean logScale,
        String yLabel) {

    /** Where a doc declares a chart: {@code <!-- chart: NAME key=value ... -->}; a line like it is read as one. */
    public static final Pattern MARKER = Pattern.compile("<!--\\s*chart:.*");

    private static final Pattern DECLARATION = Pattern.compile("<!--\\s*chart:\\s*(\\S+)\\s+(.*?)\\s*-->");
    /** Lower-case words joined by single hyphens: a name fits a file name and an HTML comment. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=(?:\"([^\"]*)\"|(\\S+))");
    private static final Set<String> KEYS = Set.of("from", "title", "x", "series", "y", "scale", "y-label");

    /** The chart a marker line declares; an IllegalArgumentException says what is wrong with it. */
    public static ChartSpec parse(String markerLine) {
        Matcher marker = DECLARATION.matcher(markerLine.strip());
        if (!marker.matches()) {
            throw new IllegalArgumentException(
                    "a chart marker is <!-- chart: NAME from=OUTCOME x=... y=... title=... -->," + " not "
                            + markerLine.strip());
        }
        String name = marker.group(1);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "chart " + name + ": a chart's name is lower-case words joined by single hyphens");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(marker.group(2));
        int end = 0;
        while (attribute.find()) {
            if (!marker.group(2).substring(end, attribute.start()).isBlank()) {
                break;
            }
            attributes.put(attribute.group(1), attribute.group(2) != null ? attribute.group(2) : attribute.group(3));
            end = attribute.end();
        }
        if (!marker.group(2).substring(end).isBlank()) {
            throw new IllegalArgumentException("chart " + name + ": cannot read '"
                    + marker.group(2).substring(end) + "' (attributes are key=value or key=\"value with spaces\")");
        }
        for (String key : attributes.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("chart " + name + ": unknown attribute " + key + " (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        for (String required : List.of("from", "title", "x", "y")) {
            if (!attributes.containsKey(required)) {
                throw new IllegalArgumentException("chart " + name + " needs " + required + "=...");
            }
        }
        String scale = attributes.getOrDefault("scale", "linear");
        if (!scale.equals("linear") && !scale.equals("log")) {
            throw new IllegalArgumentException("chart " + name + ": scale is linear or log, not " + scale);
        }
        if (!NAME.matcher(attributes.get("from")).matches()) {
            throw new IllegalArgumentException("chart " + name + ": from= names an outcome, lower-case words joined by"
                    + " single hyphens, not " + attributes.get("from"));
        }
        List<String> y = columns(attributes.get("y"));
        return new ChartSpec(
                name,
                attributes.get("from"),
                attributes.get("title"),
                columns(attributes.get("x")),
                Optional.ofNullable(attributes.get("series")),
                y,
                scale.equals("log"),
                attributes.getOrDefault("y-label", String.join(", ", y)));
    }

    /** The charts a doc's lines declare, in order, outside code fences (an example of a marker is no chart). */
    public static List<ChartSpec> declaredIn(List<String> lines) {
        List<ChartSpec> charts = new ArrayList<>();
        boolean fenced = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && MARKER.matcher(line.strip()).matches()) {
                charts.add(parse(line));
            }
        }
        return charts;
    }

    /** The Markdown image line a doc shows for it, from a doc beside the figures folder. */
    public String imageLine() {
        return "![" + title + "](figures/" + name + ".svg)";
    }

    private static List<String> columns(String value) {
        return Arrays.stream(value.split("\\|")).map(String::strip).toList();
    }
}
