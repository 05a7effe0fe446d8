package io.deepedge.experiments.config;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.List;
import java.util.Optional;

/**
 * Checks the listed policies against the size of one grid point's cluster. Checked per grid point because a
 * sweep over device counts may put only some points over a limit; the policy list itself is read by
 * {@link HeaderSection}.
 */
final class PolicyLimits {
    /** The policy that searches all 2^n device subsets; 20 devices are already about a million subsets per plan. */
    static final String OPTIMAL = "optimal";
    static final int OPTIMAL_MAX_DEVICES = 20;

    private PolicyLimits() {
    }

    /**
     * Reports, at its {@code policies} item, each listed policy that cannot handle {@code deviceCount} devices.
     * Checked by id whether or not the policy is registered yet: an unregistered one is reported by the header.
     */
    static void check(YamlMap top, int deviceCount, Problems problems) {
        Optional<Node> policies = top.get("policies");
        if (deviceCount <= OPTIMAL_MAX_DEVICES || !(policies.orElse(null) instanceof SequenceNode sequence)) {
            return; // a missing or malformed policy list is reported by the header
        }
        List<Node> items = sequence.getValue();
        for (int k = 0; k < items.size(); k++) {
            if (items.get(k) instanceof ScalarNode id && id.getValue().equals(OPTIMAL)) {
                problems.add(id, YamlNodes.item("policies", k), OPTIMAL + " searches every device subset and accepts"
                        + " at most " + OPTIMAL_MAX_DEVICES + " devices", Integer.toString(deviceCount),
                        "a smaller cluster or another policy");
            }
        }
    }
}
