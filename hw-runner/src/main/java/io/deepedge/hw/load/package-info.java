/**
 * Latency-critical load from outside the agents' CPU quotas: {@link io.deepedge.hw.load.RemoteLoadGenerator}
 * sends an {@link io.deepedge.hw.inference.ArrivalSchedule}'s requests to an agent's {@code Infer} call open-loop
 * and measures each from its SCHEDULED arrival to the reply's arrival at the generator (README, "Hardware runner":
 * where latency is measured and what the gRPC hop adds). {@link io.deepedge.hw.load.SteadyState} holds the untimed
 * loops (requests and gradient calls) that bring an agent to its steady state before the testbed or the profiler
 * measures it.
 */
package io.deepedge.hw.load;
