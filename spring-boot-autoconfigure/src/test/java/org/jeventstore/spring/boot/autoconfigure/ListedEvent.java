package org.jeventstore.spring.boot.autoconfigure;

import org.jeventstore.EventType;

/** An event outside the scanned package, registered by jeventstore.event-types.classes. */
@EventType("test.listed")
public record ListedEvent(int n) {
}
