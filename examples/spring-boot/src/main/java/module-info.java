/** The Spring Boot example. Open: Spring creates its beans and Jackson reads its events reflectively. */
open module org.jeventstore.examples.spring {
    requires org.jeventstore.spring.boot.autoconfigure;
    requires spring.boot.health;
}
