/** The demo. Opens its classes to Jackson, which reads and writes the event records. */
module org.jeventstore.examples {
    requires org.jeventstore;

    opens org.jeventstore.examples to com.fasterxml.jackson.databind;
}
