/**
 * CPU quotas for emulated devices: {@link io.deepedge.hw.cgroup.CpuCgroupFs} finds the cgroup v1 or v2 CPU
 * controller, {@link io.deepedge.hw.cgroup.CpuQuotas} creates one group per agent under a per-run parent, moves
 * processes in, removes everything at the end, and falls back to thread limits (with a warning) where cgroups are
 * not writable.
 */
package io.deepedge.hw.cgroup;
