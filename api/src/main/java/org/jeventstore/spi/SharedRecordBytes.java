package org.jeventstore.spi;

import org.jeventstore.records.RecordBytes;

/** The records' own arrays, for the store's decoding only (see {@link RecordBytes}). */
final class SharedRecordBytes extends RecordBytes {

    @Override
    public byte[] data(Payload payload) {
        return payload.sharedData();
    }

    @Override
    public byte[] headers(EventRecord event) {
        return event.sharedHeaders();
    }

    @Override
    public byte[] headers(CommitAttempt attempt) {
        return attempt.sharedHeaders();
    }

    @Override
    public Payload payloadOwning(String type, String contentType, byte[] data) {
        return Payload.owning(type, contentType, data);
    }
}
