package org.jeventstore;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stored type name of an event or snapshot class. History refers to this name, never to the Java class
 * name, so a class can be renamed or moved without breaking what is stored. Register the class with
 * {@link EventStoreBuilder#types(Class[])} so that it can be read back before it is first written.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The stored type name, for example {@code "cart.item-added"}. */
    String value();
}
