package org.jeventstore.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jeventstore.EventStoreBuilder;
import org.jeventstore.subscription.CommitHandler;

/**
 * Makes a {@link CommitHandler} bean the store's dispatcher ({@link EventStoreBuilder#dispatchTo(String,
 * CommitHandler, org.jeventstore.subscription.DispatchMode, org.jeventstore.subscription.SubscriptionOptions)}):
 * every commit is delivered to it at least once, in checkpoint order, from the durable position named by
 * {@code jeventstore.dispatcher.name}, with the options under {@code jeventstore.dispatcher.*}. Put it on the
 * bean's class or on its {@code @Bean} method; at most one bean of the context carries it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface EventStoreDispatcher {
}
