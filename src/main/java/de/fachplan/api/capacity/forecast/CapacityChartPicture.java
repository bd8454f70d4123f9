package de.fachplan.api.capacity.forecast;

import java.awt.AWTError;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.NumberFormat;
import java.time.YearMonth;
import java.util.Calendar;
import java.util.List;
import java.util.ResourceBundle;
import java.util.TimeZone;
import java.util.function.Function;

import org.jboss.logging.Logger;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.Month;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import de.fachplan.api.capacity.forecast.CapacityForecast.Basis;
import de.fachplan.api.capacity.forecast.CapacityForecast.Point;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;

/**
 * The chart of the plan's slide 3 as an SVG picture: capacity, needed capacity and persons to be
 * housed over time, drawn by JFreeChart onto JFreeSVG's recording {@code Graphics2D}.
 *
 * <p>Recorded periods are solid lines with a dot per value, projected ones dashed lines on a
 * shaded area that names the scenario; the dashed line starts at the last recorded point, so the
 * two join. Text is SVG {@code <text>} in the generic {@code sans-serif} family, so the viewer's
 * fonts draw it; the server's fonts only measure it for the layout. Drawing needs no display: the
 * service runs with {@code java.awt.headless=true}.
 */
final class CapacityChartPicture {

    static final String MEDIA_TYPE = "image/svg+xml";
    static final int WIDTH = 960;
    static final int HEIGHT = 540;

    private static final Logger LOG = Logger.getLogger(CapacityChartPicture.class);
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private static final Color CAPACITY = new Color(0x2E, 0x7D, 0x32);
    private static final Color NEEDED = new Color(0xE6, 0x51, 0x00);
    private static final Color PERSONS = new Color(0x15, 0x65, 0xC0);
    private static final Color PROJECTION_AREA = new Color(0xEC, 0xEF, 0xF1);
    private static final Ellipse2D RECORDED_POINT = new Ellipse2D.Double(-3, -3, 6, 6);
    private static final BasicStroke SOLID = new BasicStroke(2.5f);
    private static final BasicStroke DASHED = new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] { 8f, 5f }, 0f);

    /** One line of the chart: its label's key, colour and value. */
    private record Series(String label, Color colour, Function<Point, Integer> value) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("capacity", CAPACITY, p -> p.coverage().capacity()),
            new Series("neededCapacity", NEEDED, p -> p.coverage().neededCapacity()),
            new Series("personsToHouse", PERSONS, p -> p.housed().persons()));

    private CapacityChartPicture() {
    }

    /** The picture of a chart computed with a scenario, as an SVG document. */
    static String svg(CapacityChartService.Chart chart, ChartLanguage language) {
        ResourceBundle labels = language.labels();
        TimeSeriesCollection dataset = new TimeSeriesCollection(UTC);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        // One path per series rather than one element per segment: a fifth of the bytes.
        renderer.setDrawSeriesLineAsPath(true);
        for (Series series : SERIES) {
            TimeSeries actual = new TimeSeries(labels.getString(series.label()));
            TimeSeries projected = new TimeSeries(labels.getString(series.label()) + " (" + labels.getString("projection") + ")");
            Point lastActual = null;
            for (Point point : chart.points()) {
                if (point.housed().basis() == Basis.PROJECTED) {
                    if (projected.isEmpty() && lastActual != null) {
                        projected.add(month(lastActual), series.value().apply(lastActual));
                    }
                    projected.add(month(point), series.value().apply(point));
                } else {
                    actual.add(month(point), series.value().apply(point));
                    lastActual = point.housed().basis() == Basis.ACTUAL ? point : lastActual;
                }
            }
            int index = dataset.getSeriesCount();
            dataset.addSeries(actual);
            dataset.addSeries(projected);
            renderer.setSeriesPaint(index, series.colour());
            renderer.setSeriesStroke(index, SOLID);
            // Recorded values also get a dot: a month recorded between months without a record
            // (a single count in a year of flows) has no line to show it.
            renderer.setSeriesShapesVisible(index, true);
            renderer.setSeriesShape(index, RECORDED_POINT);
            renderer.setSeriesPaint(index + 1, series.colour());
            renderer.setSeriesStroke(index + 1, DASHED);
            renderer.setSeriesVisibleInLegend(index + 1, false);
        }

        Font text = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        DateAxis time = new DateAxis(labels.getString("timeAxis"), UTC, language.locale());
        time.setLabelFont(text);
        time.setTickLabelFont(text);
        NumberAxis values = new NumberAxis(labels.getString("valueAxis"));
        values.setLabelFont(text);
        values.setTickLabelFont(text);
        values.setNumberFormatOverride(NumberFormat.getIntegerInstance(language.locale()));
        values.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        values.setAutoRangeIncludesZero(true);

        XYPlot plot = new XYPlot(dataset, time, values, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setNoDataMessage(labels.getString("noData"));
        plot.setNoDataMessageFont(text);
        chart.points().stream().filter(p -> p.housed().basis() == Basis.PROJECTED).findFirst()
                .ifPresent(first -> plot.addDomainMarker(projectionArea(chart, first, labels, text), Layer.BACKGROUND));

        JFreeChart picture = new JFreeChart(labels.getString("title"), new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        picture.setBackgroundPaint(Color.WHITE);
        picture.setPadding(new RectangleInsets(8, 8, 8, 16));
        TextTitle subtitle = new TextTitle(subtitle(chart, labels), text);
        picture.addSubtitle(0, subtitle);
        LegendTitle legend = picture.getLegend();
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        legend.setPosition(RectangleEdge.BOTTOM);

        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        // Element ids (clip paths) from the chart's content, not the clock: equal charts give
        // equal bytes and so equal ETags, on every replica.
        CapacityChartService.Range range = chart.range();
        g2.setDefsKeyPrefix("chart" + Integer.toHexString(String.join(":", chart.planCode(), chart.scenario().code,
                String.valueOf(chart.scenario().version), range.from().toString(), range.to().toString(),
                range.granularity().name(), language.name()).hashCode()) + "-");
        g2.setGeomDoubleConverter(CapacityChartPicture::twoDecimals);
        g2.setTransformDoubleConverter(CapacityChartPicture::twoDecimals);
        try {
            picture.draw(g2, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        } catch (InternalError | LinkageError | AWTError e) {
            // What the JDK throws when it cannot measure text: no font installed (InternalError
            // "Fontconfig head is null"), no libfreetype (UnsatisfiedLinkError), no headless mode.
            // The data are still served as JSON and CSV; the operators need to know.
            LOG.errorf(e, "The capacity chart picture cannot be drawn: the JVM finds no usable font."
                    + " Install a font package (Debian and Ubuntu: fonts-dejavu-core) and run headless.");
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "The chart picture cannot be drawn on this"
                    + " server at the moment (its fonts are missing); the operators have been told. The same chart"
                    + " is available as application/json and text/csv.");
        }
        // A view box lets an embedding page scale the picture; no DOCTYPE, which makes XML
        // readers fetch a DTD from the network.
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + g2.getSVGElement(null, true, new ViewBox(0, 0, WIDTH, HEIGHT), null, null) + "\n";
    }

    private static IntervalMarker projectionArea(CapacityChartService.Chart chart, Point first, ResourceBundle labels,
            Font text) {
        YearMonth end = chart.points().get(chart.points().size() - 1).period().first();
        long from = month(first).getFirstMillisecond(Calendar.getInstance(UTC));
        long to = new Month(end.getMonthValue(), end.getYear()).getLastMillisecond(Calendar.getInstance(UTC));
        IntervalMarker area = new IntervalMarker(from, to, PROJECTION_AREA);
        area.setLabel(labels.getString("projection") + ": " + chart.scenario().name);
        area.setLabelFont(text);
        area.setLabelPaint(Color.DARK_GRAY);
        area.setLabelBackgroundColor(PROJECTION_AREA);
        area.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        area.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        area.setLabelOffset(new RectangleInsets(6, 6, 6, 6));
        return area;
    }

    private static String subtitle(CapacityChartService.Chart chart, ResourceBundle labels) {
        String scenario = labels.getString("scenario") + " " + chart.scenario().code + ", " + labels.getString("version")
                + " " + chart.scenario().version + (chart.scenario().illustrative ? " (" + labels.getString("illustrative")
                        + ")" : "");
        return chart.planCode() + " · " + chart.range().from() + " – " + chart.range().to() + " · " + scenario + " · "
                + labels.getString("lineStyles");
    }

    /** Coordinates to a hundredth of a pixel: more digits only make the document larger. */
    private static String twoDecimals(double value) {
        return Double.toString(Math.round(value * 100) / 100.0);
    }

    private static Month month(Point point) {
        YearMonth first = point.period().first();
        return new Month(first.getMonthValue(), first.getYear());
    }
}
