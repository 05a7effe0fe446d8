package io.deepedge.experiments.config;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.List;
import java.util.Optional;

/**
 * Checks the policies that will run (the config's, or a {@code --policies} override) against the size of one
 * grid point's cluster. Checked per grid point because a
 * sweep over device counts may put only some points over a limit; the policy list itself is read by
 * {@link HeaderSection}.
 */
final class PolicyLimits {
    /** The policy that searches all 2^n device subsets; 20 devices are already about a million subsets per plan. */
    static final String OPTIMAL = "optimal";
    static final int OPTIMAL_MAX_DEVICES = 20;
    private static final String LIMIT = OPTIMAL + " searches every device subset and accepts at most "
            + OPTIMAL_MAX_DEVICES + " devices";
    private static final String EXPECTED = "a smaller cluster or another policy";

    private PolicyLimits() {
    }

    /**
     * Reports each policy that will run but cannot handle {@code deviceCount} devices: at its {@code policies}
     * item, or as a {@code --policies} problem when that list replaces the config's. Checked by id whether or not
     * the policy is registered yet: an unregistered one is reported with the list it is in.
     */
    static void check(YamlMap top, Optional<List<String>> override, int deviceCount, Problems problems) {
        if (deviceCount <= OPTIMAL_MAX_DEVICES) {
            return;
        }
        if (override.isPresent()) {
            if (override.get().contains(OPTIMAL)) {
                problems.addOption("--policies", LIMIT, Integer.toString(deviceCount), EXPECTED);
            }
            return;
        }
        Optional<Node> policies = top.get("policies");
        if (!(policies.orElse(null) instanceof SequenceNode sequence)) {
            return; // a missing or malformed policy list is reported by the header
        }
        List<Node> items = sequence.getValue();
        for (int k = 0; k < items.size(); k++) {
            if (items.get(k) instanceof ScalarNode id && id.getValue().equals(OPTIMAL)) {
                problems.add(id, YamlNodes.item("policies", k), LIMIT, Integer.toString(deviceCount), EXPECTED);
            }
        }
    }
}
