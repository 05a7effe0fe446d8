/**
 * Training and evaluation data of the hardware runner: the IDX reader and writer, Fashion-MNIST (the full set
 * when installed, else the subset shipped in the jar) and the seeded, label-preserving drift that the update
 * job re-trains on.
 *
 * <p>Plain Java: no ND4J, no network, no clock. Bad files are {@link io.deepedge.hw.data.IdxFormatException}s
 * that name the file and the byte offset.
 */
package io.deepedge.hw.data;
