package interviewlab.support.figures;

import interviewlab.support.observed.Outcome;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/** Draws a {@link ChartSpec} over an outcome's table, with JFreeChart, as an SVG document. */
public final class BarChart {
    /**
     * The drawing's version, part of each figure's fingerprint: change it with any change to how a chart is drawn, and
     * the ledger asks for every figure to be drawn again.
     */
    public static final int DRAWING = 1;

    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9,]*(?:\\.[0-9]+)?");
    private static final int WIDTH = 760;
    /** Labels longer than this read better beside horizontal bars than under vertical ones. */
    private static final int LONGEST_LABEL_UNDER_A_BAR = 16;

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd)
    };

    private BarChart() {}

    /**
     * The chart as an SVG document; {@code note} goes into it as a comment (where its data came from). Fails with one
     * sentence when the spec names a column the outcome does not have.
     */
    public static String svg(ChartSpec spec, Outcome outcome, String note) {
        DefaultCategoryDataset data = dataset(spec, outcome);
        boolean horizontal = data.getColumnKeys().stream()
                .anyMatch(category -> category.toString().length() > LONGEST_LABEL_UNDER_A_BAR);
        JFreeChart chart = ChartFactory.createBarChart(
                spec.title(),
                String.join(" · ", spec.x()),
                spec.yLabel(),
                data,
                horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL,
                data.getRowCount() > 1,
                false,
                false);
        style(chart, spec, data);
        int height = horizontal ? 140 + 26 * data.getColumnCount() * Math.max(1, data.getRowCount()) : 420;
        SVGGraphics2D svg = new SVGGraphics2D(WIDTH, height);
        // Ids in the SVG from the chart's name, not a clock, so two figures on one page never clash.
        svg.setDefsKeyPrefix(spec.name() + "-");
        chart.draw(svg, new Rectangle(WIDTH, height));
        String document = svg.getSVGDocument();
        int afterDeclaration = document.startsWith("<?xml") ? document.indexOf("?>") + 2 : 0;
        if (note.contains("--")) {
            throw new IllegalArgumentException("an SVG comment cannot hold '--': " + note);
        }
        return document.substring(0, afterDeclaration) + "\n<!-- " + note + " -->\n"
                + document.substring(afterDeclaration).stripLeading();
    }

    private static DefaultCategoryDataset dataset(ChartSpec spec, Outcome outcome) {
        List<Integer> x =
                spec.x().stream().map(column -> index(spec, outcome, column)).toList();
        List<Integer> y =
                spec.y().stream().map(column -> index(spec, outcome, column)).toList();
        Optional<Integer> series = spec.series().map(column -> index(spec, outcome, column));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (List<String> row : outcome.rows()) {
            String category = String.join(" · ", x.stream().map(row::get).toList());
            for (int i = 0; i < y.size(); i++) {
                String seriesKey = series.map(row::get).orElse(spec.y().get(i));
                Optional<Double> value = number(row.get(y.get(i)));
                if (value.isPresent() && (!spec.logScale() || value.get() > 0)) {
                    if (data.getRowKeys().contains(seriesKey)
                            && data.getColumnKeys().contains(category)
                            && data.getValue(seriesKey, category) != null) {
                        throw new IllegalArgumentException("chart " + spec.name() + ": two rows of " + outcome.name()
                                + " draw the same bar (" + seriesKey + ", " + category + "): add a column to x=");
                    }
                    data.addValue(value.get(), seriesKey, category);
                }
            }
        }
        if (data.getColumnCount() == 0) {
            throw new IllegalArgumentException("chart " + spec.name() + ": outcome " + outcome.name()
                    + " has no number in its column(s) " + spec.y());
        }
        return data;
    }

    private static double extreme(DefaultCategoryDataset data, DoubleBinaryOperator pick) {
        double extreme = Double.NaN;
        for (int row = 0; row < data.getRowCount(); row++) {
            for (int column = 0; column < data.getColumnCount(); column++) {
                Number value = data.getValue(row, column);
                if (value != null) {
                    extreme = Double.isNaN(extreme)
                            ? value.doubleValue()
                            : pick.applyAsDouble(extreme, value.doubleValue());
                }
            }
        }
        return extreme;
    }

    /** The first number in a cell, commas as thousands separators: "654,346 (626,787–772,444)" is 654,346. */
    static Optional<Double> number(String cell) {
        Matcher number = NUMBER.matcher(cell);
        return number.find() ? Optional.of(Double.parseDouble(number.group().replace(",", ""))) : Optional.empty();
    }

    private static int index(ChartSpec spec, Outcome outcome, String column) {
        int index = outcome.columns().indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("chart " + spec.name() + ": outcome " + outcome.name()
                    + " has no column '" + column + "' (its columns: " + outcome.columns() + ")");
        }
        return index;
    }

    private static void style(JFreeChart chart, ChartSpec spec, DefaultCategoryDataset data) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        if (spec.logScale()) {
            LogAxis log = new LogAxis(spec.yLabel() + " (log scale)");
            log.setBase(10);
            log.setTickUnit(new NumberTickUnit(1)); // a tick at each power of ten, written as a plain number
            log.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
            log.setMinorTickMarksVisible(true);
            // From the power of ten below the smallest bar to the one above the largest, so every bar shows.
            log.setRange(
                    Math.pow(10, Math.floor(Math.log10(extreme(data, Math::min)))),
                    Math.pow(10, Math.ceil(Math.log10(extreme(data, Math::max)))));
            plot.setRangeAxis(log);
        }
        CategoryAxis categories = plot.getDomainAxis();
        categories.setMaximumCategoryLabelLines(3);
        if (plot.getOrientation() == PlotOrientation.VERTICAL) {
            categories.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        }
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setItemMargin(0.05);
        for (int i = 0; i < PALETTE.length; i++) {
            bars.setSeriesPaint(i, PALETTE[i]);
        }
    }
}
