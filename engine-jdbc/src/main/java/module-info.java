/**
 * The JDBC engine, for {@code jdbc:postgresql:}, {@code jdbc:mariadb:}, {@code jdbc:mysql:} and {@code jdbc:sqlite:}
 * store URIs, and {@link
 * org.jeventstore.engine.jdbc.JdbcEngines} for a data source the application holds. The drivers are the
 * application's choice: none is required here.
 */
module org.jeventstore.engine.jdbc {
    requires org.jeventstore;
    requires java.sql;
    requires com.zaxxer.hikari;

    exports org.jeventstore.engine.jdbc;

    provides org.jeventstore.spi.EngineProvider with org.jeventstore.engine.jdbc.JdbcEngineProvider;
}
