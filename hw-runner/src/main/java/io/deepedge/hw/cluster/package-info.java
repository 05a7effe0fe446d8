/**
 * The agents a coordinator drives, behind one interface ({@link io.deepedge.hw.cluster.AgentCluster}): the
 * {@code --local} cluster of child processes, or already running remote agents ({@code --agent HOST:PORT}) found
 * and matched to the config's devices by the name each reports in Hello ({@link io.deepedge.hw.cluster.RemoteCluster}).
 */
package io.deepedge.hw.cluster;
