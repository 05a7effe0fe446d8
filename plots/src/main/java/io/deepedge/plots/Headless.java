package io.deepedge.plots;

/**
 * Makes AWT run without a display, as charts are drawn on servers and in CI.
 */
final class Headless {
    private static final String PROPERTY = "java.awt.headless";

    private Headless() {
    }

    /**
     * Sets {@code java.awt.headless=true} unless the property was set explicitly. It takes effect only if called
     * before AWT's graphics environment first initialises, so every entry point that draws calls it first.
     */
    static void ensure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
