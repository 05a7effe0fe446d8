package io.deepedge.policies.deepedge;

import io.deepedge.policies.Decision;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.ServiceLoad;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The eligible devices of a request, ranked by effective throughput (device name as the tie-break), and
 * the named reason of every device left out.
 */
record Candidates(List<Candidate> ranked, List<Decision.Rejection> rejections) {
    /** Highest effective throughput first, then device name. */
    static final Comparator<Candidate> FASTEST_FIRST = Comparator.comparingDouble(Candidate::rankRate).reversed()
            .thenComparing(Candidate::name);

    static Candidates of(PlanningRequest request, ToDoubleFunction<ServiceLoad> rate, Options options) {
        return of(request, rate, options, true);
    }

    /** With {@code explain} false, rejection reasons are bare kinds ({@code slo}, {@code memory}): cheaper. */
    static Candidates of(PlanningRequest request, ToDoubleFunction<ServiceLoad> rate, Options options,
                         boolean explain) {
        return new Screen(request, options).at(rate, explain);
    }
}
