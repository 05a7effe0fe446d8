package io.deepedge.experiments.config;

/**
 * Where a config value is written, for a problem found after the tree has been read (e.g. from the built scenario).
 *
 * @param line 1-based line
 * @param path the value's path, e.g. {@code services[0].arrivals}
 */
record Located(int line, String path) {
}
