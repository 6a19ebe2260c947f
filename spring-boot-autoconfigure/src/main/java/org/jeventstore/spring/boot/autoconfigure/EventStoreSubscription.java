package org.jeventstore.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jeventstore.EventStore;
import org.jeventstore.subscription.CommitHandler;

/**
 * Subscribes a {@link CommitHandler} bean to the store when the application context starts, and closes the
 * subscription when it stops, before the store closes. Its options are the properties under
 * {@code jeventstore.subscriptions.<name>.*}. Put it on the bean's class or on its {@code @Bean} method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface EventStoreSubscription {

    /** The subscription's name: its durable position's name, unique in the context. */
    String value();

    /**
     * True (the default) for {@link EventStore#subscribe(String, CommitHandler)}: the position is stored in the
     * engine and the subscription resumes from it. False for a subscription from the start of the feed with
     * its position in memory, as an in-memory projection rebuilt at every start wants.
     */
    boolean durable() default true;
}
