package org.jeventstore.spi;

/**
 * A stream: its bucket and its id, both valid ({@link Ids}) once the key exists.
 *
 * @param bucketId the bucket of the stream
 * @param streamId the stream's id within its bucket
 */
public record StreamKey(String bucketId, String streamId) {

    public StreamKey {
        Ids.requireBucketId(bucketId);
        Ids.requireStreamId(streamId);
    }

    @Override
    public String toString() {
        return bucketId + "/" + streamId;
    }
}
