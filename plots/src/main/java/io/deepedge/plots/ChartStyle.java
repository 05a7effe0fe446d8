package io.deepedge.plots;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The one look of every chart: fixed width, fixed logical fonts, white background, a vertical legend below the
 * plot (the chart grows by one row per legend entry, so the plot area keeps its size), and axis numbers
 * written by {@link Numbers#rounded} (never the machine locale), so a chart depends on its data only.
 */
final class ChartStyle {
    static {
        Headless.ensure();
    }

    static final int WIDTH = 800;
    private static final int PLOT_HEIGHT = 500;
    private static final int LEGEND_ROW_HEIGHT = 20;
    private static final int LEGEND_PADDING = 30;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int ROTATED_LABEL_DEGREES = 30;
    /** Category labels are tilted when (longest label in characters) x (number of labels) exceeds this. */
    private static final int UPRIGHT_LABEL_CHARACTERS = 80;

    private ChartStyle() {
    }

    /** A bar chart; {@code legendEntries} 0 hides the legend. */
    static CategoryChart bars(String title, String xTitle, String yTitle, int legendEntries) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(height(legendEntries))
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        apply(chart.getStyler(), legendEntries);
        chart.getStyler().setErrorBarsColor(Color.BLACK);
        return chart;
    }

    /** A line chart over categories; {@code legendEntries} 0 hides the legend. */
    static CategoryChart categoryLines(String title, String xTitle, String yTitle, int legendEntries) {
        CategoryChart chart = bars(title, xTitle, yTitle, legendEntries);
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        return chart;
    }

    /** A line chart over numbers; {@code legendEntries} 0 hides the legend. */
    static XYChart lines(String title, String xTitle, String yTitle, int legendEntries) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height(legendEntries))
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        apply(chart.getStyler(), legendEntries);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Numbers::rounded);
        return chart;
    }

    /** A box plot, one box per series, named on the x axis. */
    static BoxChart boxes(String title, String xTitle, String yTitle) {
        BoxChart chart = new BoxChartBuilder().width(WIDTH).height(height(0))
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        apply(chart.getStyler(), 0);
        return chart;
    }

    /** Tilts the x-axis labels when {@code labels} would not fit side by side. */
    static void tiltIfCrowded(AxesChartStyler styler, List<String> labels) {
        int longest = labels.stream().mapToInt(String::length).max().orElse(0);
        if (longest * labels.size() > UPRIGHT_LABEL_CHARACTERS) {
            styler.setXAxisLabelRotation(ROTATED_LABEL_DEGREES);
        }
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + chart.getTitle() + "' as PNG", e);
        }
    }

    static byte[] svg(Chart<?, ?> chart) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + chart.getTitle() + "' as SVG", e);
        }
        return bytes.toByteArray();
    }

    private static int height(int legendEntries) {
        return legendEntries == 0 ? PLOT_HEIGHT : PLOT_HEIGHT + LEGEND_PADDING + LEGEND_ROW_HEIGHT * legendEntries;
    }

    private static void apply(AxesChartStyler styler, int legendEntries) {
        styler.setLocale(Locale.ROOT);
        styler.setyAxisTickLabelsFormattingFunction(Numbers::rounded);
        styler.setChartTitleFont(TITLE);
        styler.setLegendFont(TEXT);
        styler.setAxisTitleFont(TEXT);
        styler.setAxisTickLabelsFont(TEXT);
        styler.setAnnotationTextFont(TEXT);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendVisible(legendEntries > 0);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setToolTipsEnabled(false);
        styler.setAntiAlias(true);
    }
}
