/** The benchmark harness. Opens its event class to Jackson. */
module org.jeventstore.benchmarks {
    requires org.jeventstore;
    requires org.jeventstore.micrometer;
    requires jdk.management;

    opens org.jeventstore.benchmarks to com.fasterxml.jackson.databind;
}
