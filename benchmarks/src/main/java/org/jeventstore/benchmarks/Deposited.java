package org.jeventstore.benchmarks;

import org.jeventstore.EventType;

/** The benchmark's event: small, like most domain events. */
@EventType("bench.deposited")
public record Deposited(String account, long amount) {
}
