package org.jeventstore.micrometer;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.jeventstore.observation.OperationObservation;
import org.jeventstore.observation.Outcome;

/**
 * One store operation as a started {@link Observation}; a synchronous one also holds the scope it opened on
 * its thread, so that what the engine's driver observes meanwhile (a JDBC or MongoDB span) becomes its child.
 */
final class OperationHandle implements OperationObservation {

    static final String OUTCOME = "jeventstore.outcome";
    /** The OpenTelemetry key naming what a failed operation failed with. */
    static final String ERROR_TYPE = "error.type";
    private static final KeyValue[] OUTCOMES = new KeyValue[Outcome.values().length];

    static {
        for (Outcome outcome : Outcome.values()) {
            OUTCOMES[outcome.ordinal()] = KeyValue.of(OUTCOME, outcome.value());
        }
    }

    private final Observation observation;
    private final Observation.Scope scope;

    OperationHandle(Observation observation, Observation.Scope scope) {
        this.observation = observation;
        this.scope = scope;
    }

    @Override
    public void succeeded() {
        end(Outcome.OK, null);
    }

    @Override
    public void failed(Throwable failure) {
        end(Outcome.of(failure), failure);
    }

    /**
     * Only {@link Outcome#ERROR} marks the observation failed: a conflict, a duplicate, a veto, a missing
     * stream, an unavailable backend or refused input is an answer the caller expects to handle, told apart by
     * the outcome key instead. Every failure names its exception in {@code error.type}, a high-cardinality
     * key: on the span, not on the timer, whose keys stay the same for every outcome (see the README). The
     * scope is closed and the observation stopped whatever throws before.
     */
    private void end(Outcome outcome, Throwable failure) {
        try {
            try {
                observation.lowCardinalityKeyValue(OUTCOMES[outcome.ordinal()]);
                if (failure != null) {
                    observation.highCardinalityKeyValue(ERROR_TYPE, failure.getClass().getName());
                }
                if (outcome == Outcome.ERROR) {
                    observation.error(failure);
                }
            } finally {
                if (scope != null) {
                    scope.close();
                }
            }
        } finally {
            observation.stop();
        }
    }
}
