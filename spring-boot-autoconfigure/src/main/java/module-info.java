/**
 * Spring Boot auto-configuration of JEventStore. Exports the annotations, the properties and the types a user
 * touches; opens the package to Spring, which creates and binds them reflectively.
 */
module org.jeventstore.spring.boot.autoconfigure {
    requires transitive org.jeventstore;
    requires transitive spring.beans;
    requires transitive spring.boot;
    requires transitive spring.boot.autoconfigure;
    requires transitive spring.context;
    requires spring.core;
    requires static spring.boot.health;
    requires static spring.boot.actuator;
    requires static spring.boot.actuator.autoconfigure;
    requires static org.jeventstore.micrometer;

    exports org.jeventstore.spring.boot.autoconfigure;
    opens org.jeventstore.spring.boot.autoconfigure to spring.core, spring.beans, spring.context;
}
