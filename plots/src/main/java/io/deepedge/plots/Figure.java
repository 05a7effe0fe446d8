package io.deepedge.plots;

/**
 * One chart of the report.
 *
 * @param file path of the PNG relative to the result directory ({@code plots/NAME.png})
 * @param title the chart's title, also the image's alternative text
 * @param caption what the chart shows and how to read it
 * @param width image width, pixels
 * @param height image height, pixels
 */
record Figure(String file, String title, String caption, int width, int height) {
}
