package io.deepedge.policies.deepedge;

import io.deepedge.models.forecast.Forecaster;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.ServiceLoad;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The arrival rate each SLO is checked at: the current rate, or (load-aware) the larger of the current
 * rate and the forecast peak over the job's expected window, Barista-style.
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
            double[] history = load.history();
            int horizon = (int) Math.max(1, Math.min(100_000, Math.ceil(windowSec / load.intervalSec())));
            double peak = history.length == 0 ? Double.NaN : forecaster.peak(history, horizon);
            rates.put(load, Double.isNaN(peak) ? load.currentRatePerSec() : Math.max(load.currentRatePerSec(), peak));
        }
        return rates::get;
    }
}
