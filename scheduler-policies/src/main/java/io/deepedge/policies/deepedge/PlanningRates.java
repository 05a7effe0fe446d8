package io.deepedge.policies.deepedge;

import io.deepedge.models.forecast.Forecaster;
import io.deepedge.models.forecast.PeakRate;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.ServiceLoad;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The arrival rate each SLO is checked at: the current rate, or (load-aware) {@link PeakRate}: the larger of
 * the current rate and the forecast peak over the plan's window.
 */
final class PlanningRates {
    private PlanningRates() {
    }

    static ToDoubleFunction<ServiceLoad> current() {
        return ServiceLoad::currentRatePerSec;
    }

    static ToDoubleFunction<ServiceLoad> forecastPeak(PlanningRequest request, double windowSec) {
        Forecaster forecaster = request.forecast().toForecaster();
        Map<ServiceLoad, Double> rates = new IdentityHashMap<>();
        for (ServiceLoad load : request.services()) {
            rates.put(load, PeakRate.over(forecaster, load.history(), load.currentRatePerSec(), windowSec,
                    load.intervalSec()));
        }
        return rates::get;
    }
}
