/**
 * The {@code --local} testbed: {@link io.deepedge.hw.local.LocalCluster} runs one agent process per configured
 * device on 127.0.0.1 under its CPU quota, with a generated token, and stops them all (also on failure, Ctrl-C and
 * SIGTERM; agents stop on their own when the launcher is killed); {@link io.deepedge.hw.local.AgentLauncher} builds
 * an agent's command line.
 */
package io.deepedge.hw.local;
