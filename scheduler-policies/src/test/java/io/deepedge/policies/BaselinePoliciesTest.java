package io.deepedge.policies;

import org.junit.jupiter.api.Nested;

/** The contract for every baseline. */
class BaselinePoliciesTest {
    @Nested
    class EqualSplit extends PolicyContract {
        @Override
        protected SchedulingPolicy policy() {
            return PolicyRegistry.get("equal-split");
        }
    }

    @Nested
    class ThroughputProportional extends PolicyContract {
        @Override
        protected SchedulingPolicy policy() {
            return PolicyRegistry.get("throughput-proportional");
        }
    }

    @Nested
    class FastestSingle extends PolicyContract {
        @Override
        protected SchedulingPolicy policy() {
            return PolicyRegistry.get("fastest-single");
        }
    }

    @Nested
    class RandomSubset extends PolicyContract {
        @Override
        protected SchedulingPolicy policy() {
            return PolicyRegistry.get("random");
        }
    }
}
