/** Measurements of the hardware runner's building blocks ({@link io.deepedge.hw.bench.HwBench}); not used at run time. */
package io.deepedge.hw.bench;
