package io.deepedge.policies.deepedge;

import io.deepedge.policies.Decision;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.ServiceLoad;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        Map<String, List<ServiceLoad>> byDevice = new HashMap<>();
        for (ServiceLoad load : request.services()) {
            byDevice.computeIfAbsent(load.instance().device(), d -> new ArrayList<>()).add(load);
        }
        List<Candidate> eligible = new ArrayList<>();
        List<Decision.Rejection> rejections = new ArrayList<>();
        for (DeviceState d : request.devices()) {
            if (!d.available()) {
                rejections.add(new Decision.Rejection(d.name(), "unavailable"));
                continue;
            }
            Eligibility.Assessment a = Eligibility.assess(d, byDevice.getOrDefault(d.name(), List.of()), rate,
                    request.job(), options, explain);
            if (a.candidate() == null) {
                rejections.add(new Decision.Rejection(d.name(), a.rejection()));
            } else {
                eligible.add(a.candidate());
            }
        }
        eligible.sort(FASTEST_FIRST);
        return new Candidates(List.copyOf(eligible), List.copyOf(rejections));
    }
}
