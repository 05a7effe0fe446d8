package io.deepedge.policies.deepedge;

import io.deepedge.models.forecast.Forecaster;
import io.deepedge.models.forecast.PeakRate;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.ServiceLoad;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
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
        return new Peaks(request).over(windowSec);
    }

    /** Every load's forecast peak as a function of the window, each forecast fitted once: for the window's passes. */
    static final class Peaks {
        private final List<ServiceLoad> loads;
        private final List<DoubleUnaryOperator> overWindow = new ArrayList<>();

        Peaks(PlanningRequest request) {
            Forecaster forecaster = request.forecast().toForecaster();
            this.loads = request.services();
            for (ServiceLoad load : loads) {
                overWindow.add(PeakRate.overWindows(forecaster, load.history(), load.currentRatePerSec(),
                        load.intervalSec()));
            }
        }

        ToDoubleFunction<ServiceLoad> over(double windowSec) {
            Map<ServiceLoad, Double> rates = new IdentityHashMap<>();
            for (int i = 0; i < loads.size(); i++) {
                rates.put(loads.get(i), overWindow.get(i).applyAsDouble(windowSec));
            }
            return rates::get;
        }
    }
}
