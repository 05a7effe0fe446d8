/**
 * The device and model catalog: sourced Jetson-class figures (packaged TSV resources) that configs
 * reference by type id. Each figure keeps its source and kind (measured, vendor or estimate).
 */
package io.deepedge.models.catalog;
