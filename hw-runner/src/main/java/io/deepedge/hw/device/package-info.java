/**
 * What runs on a device: the DL4J implementations of the agent's plug-in points ({@link
 * io.deepedge.hw.device.Dl4jShardLoader} and {@link io.deepedge.hw.device.Dl4jGradientWorker} for training shards
 * in {@link io.deepedge.hw.data.ImageShard#FORMAT}, {@link io.deepedge.hw.device.Dl4jInferenceHost} for the LC
 * services, one FCFS worker and one model copy each) and {@link io.deepedge.hw.device.AgentRuntime}, the agent
 * {@code ./deepedge agent} starts: the server, the coordinator registration, stdin-EOF and SIGTERM handling, and
 * leaving its cgroup at exit.
 */
package io.deepedge.hw.device;
