package io.deepedge.plots;

/**
 * One chart of the report.
 *
 * @param file path of the image (a PNG, with an SVG beside it) relative to the result directory ({@code plots/NAME.png})
 * @param title the chart's title, also the image's alternative text
 * @param caption what the chart shows and how to read it
 * @param width image width, pixels
 * @param height image height, pixels
 */
record Figure(String file, String title, String caption, int width, int height) {
    /** The SVG drawn beside a PNG chart ({@code plots/NAME.svg}), or empty for another kind of file. */
    java.util.Optional<String> svgFile() {
        return file.endsWith(".png")
                ? java.util.Optional.of(file.substring(0, file.length() - ".png".length()) + ".svg")
                : java.util.Optional.empty();
    }
}
