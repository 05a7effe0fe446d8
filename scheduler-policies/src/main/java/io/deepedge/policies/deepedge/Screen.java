package io.deepedge.policies.deepedge;

import io.deepedge.policies.Decision;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.ServiceLoad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Step 1 of Deep-Edge over the passes of one decision ({@link OwnWindow} plans at several planning rates): a
 * device is assessed again only when the rate of one of its services changed since its last assessment, and a
 * rejection's reason is spelled out only when asked for (the pass that is kept), so the passes after the first
 * cost about as much as the devices whose forecast peak moved with the window.
 */
final class Screen {
    private final PlanningRequest request;
    private final Options options;
    /** The services on each of {@code request.devices()}, in request order. */
    private final List<List<ServiceLoad>> loads = new ArrayList<>();
    private final double[][] assessedAt;
    private final Eligibility.Assessment[] assessments;
    private final boolean[] explained;

    Screen(PlanningRequest request, Options options) {
        this.request = request;
        this.options = options;
        Map<String, List<ServiceLoad>> byDevice = new HashMap<>();
        for (ServiceLoad load : request.services()) {
            byDevice.computeIfAbsent(load.instance().device(), d -> new ArrayList<>()).add(load);
        }
        for (DeviceState d : request.devices()) {
            loads.add(byDevice.getOrDefault(d.name(), List.of()));
        }
        int n = request.devices().size();
        this.assessedAt = new double[n][];
        this.assessments = new Eligibility.Assessment[n];
        this.explained = new boolean[n];
    }

    /**
     * The candidates at {@code rate}, ranked, with every device left out; with {@code explain} false a rejection
     * may be a bare kind ({@code slo}, {@code memory}) instead of its reason.
     */
    Candidates at(ToDoubleFunction<ServiceLoad> rate, boolean explain) {
        List<Candidate> eligible = new ArrayList<>();
        List<Decision.Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < assessments.length; i++) {
            DeviceState d = request.devices().get(i);
            if (!d.available()) {
                rejections.add(new Decision.Rejection(d.name(), "unavailable"));
                continue;
            }
            Eligibility.Assessment a = assess(i, rate, explain);
            if (a.candidate() == null) {
                rejections.add(new Decision.Rejection(d.name(), a.rejection()));
            } else {
                eligible.add(a.candidate());
            }
        }
        eligible.sort(Candidates.FASTEST_FIRST);
        return new Candidates(List.copyOf(eligible), List.copyOf(rejections));
    }

    /** Device {@code i}'s assessment at {@code rate}: the last one when its services' rates are the same. */
    private Eligibility.Assessment assess(int i, ToDoubleFunction<ServiceLoad> rate, boolean explain) {
        List<ServiceLoad> here = loads.get(i);
        double[] rates = new double[here.size()];
        for (int s = 0; s < rates.length; s++) {
            rates[s] = rate.applyAsDouble(here.get(s));
        }
        Eligibility.Assessment last = assessments[i];
        // the candidate does not depend on explain; only a rejection's text does
        boolean reusable = last != null && Arrays.equals(rates, assessedAt[i])
                && (!explain || explained[i] || last.candidate() != null);
        if (reusable) {
            return last;
        }
        Eligibility.Assessment a = Eligibility.assess(request.devices().get(i), here, rate, request.job(), options,
                explain);
        assessments[i] = a;
        assessedAt[i] = rates;
        explained[i] = explain;
        return a;
    }
}
