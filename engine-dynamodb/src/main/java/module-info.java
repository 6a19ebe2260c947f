/**
 * The Amazon DynamoDB engine, for {@code dynamodb://<region>/<table>} store URIs. Exports nothing.
 *
 * <p>The AWS SDK jars are automatic modules; the names below are their {@code Automatic-Module-Name}s.
 */
module org.jeventstore.engine.dynamodb {
    requires org.jeventstore;
    requires software.amazon.awssdk.services.dynamodb;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.auth;

    provides org.jeventstore.spi.EngineProvider with org.jeventstore.engine.dynamodb.DynamoDbEngineProvider;
}
