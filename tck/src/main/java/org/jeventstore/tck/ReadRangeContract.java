package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.spi.StreamKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reading a stream by revision range (NEventStore's and Akka's journal replay cases). The stream holds five
 * single-event commits (revisions 1 to 5) and one commit of three events (revisions 6 to 8).
 */
abstract class ReadRangeContract extends Contract {

    private final String stream = newStreamId();
    private List<CommitRecord> commits;

    ReadRangeContract(PersistenceEngineTck kit) {
        super(kit);
    }

    @BeforeEach
    final void writeStream() {
        List<CommitRecord> singles = commits(stream, 5);
        commits = concat(singles, List.of(commit(Attempts.next(singles.get(4)).events(3))));
    }

    private List<CommitRecord> read(long minRevision, long maxRevision) {
        return read(new StreamRange(bucket, stream, minRevision, maxRevision));
    }

    /** The commits with sequences {@code first..last}. */
    private List<CommitRecord> sequences(int first, int last) {
        return commits.subList(first - 1, last);
    }

    @Test
    void wholeStreamIsReadInSequenceOrder() {
        assertEquals(commits, read(0, Long.MAX_VALUE));
    }

    @Test
    @DisplayName("min revision 0 and 1 both read from the start")
    void minRevisionZeroAndOneBothReadFromTheStart() {
        assertEquals(commits, read(1, Long.MAX_VALUE));
        assertEquals(read(0, 4), read(1, 4));
    }

    @Test
    void lowerBoundSkipsEarlierCommits() {
        assertEquals(sequences(3, 6), read(3, Long.MAX_VALUE));
    }

    @Test
    void upperBoundStopsAtItsCommit() {
        assertEquals(sequences(1, 3), read(0, 3));
    }

    @Test
    void bothBoundsAreInclusive() {
        assertEquals(sequences(2, 4), read(2, 4));
    }

    @Test
    void singleRevisionReadsItsCommit() {
        assertEquals(sequences(4, 4), read(4, 4));
    }

    @Test
    void rangeInsideOneMultiEventCommitReturnsThatCommitWhole() {
        List<CommitRecord> read = read(7, 7);

        assertEquals(sequences(6, 6), read);
        assertEquals(3, read.get(0).events().size());
    }

    @Test
    void commitStraddlingTheUpperBoundIsReturnedWhole() {
        assertEquals(sequences(5, 6), read(5, 6));
    }

    @Test
    void commitStraddlingTheLowerBoundIsReturnedWhole() {
        assertEquals(sequences(6, 6), read(8, Long.MAX_VALUE));
    }

    @Test
    void upperBoundAboveTheHeadReadsToTheEnd() {
        assertEquals(sequences(4, 6), read(4, 100));
    }

    @Test
    void lowerBoundAboveTheHeadReadsNothing() {
        assertEquals(List.of(), read(9, Long.MAX_VALUE));
    }

    @Test
    void unknownStreamReadsNothing() {
        assertEquals(List.of(), readStream(bucket, newStreamId()));
    }

    @Test
    @DisplayName("a count limit of 0 reads nothing")
    void limitOfZeroReadsNothing() {
        try (Stream<CommitRecord> read = engine().readStream(StreamRange.all(bucket, stream))) {
            assertEquals(List.of(), read.limit(0).collect(Collectors.toList()));
        }
    }

    @Test
    @DisplayName("a count limit of 1 reads the first commit only, lazily")
    void limitOfOneReadsTheFirstCommitOnly() {
        try (Stream<CommitRecord> read = engine().readStream(StreamRange.all(bucket, stream))) {
            assertEquals(sequences(1, 1), read.limit(1).collect(Collectors.toList()));
        }
        try (Stream<CommitRecord> read = engine().readStream(new StreamRange(bucket, stream, 3, 5))) {
            assertEquals(Optional.of(commits.get(2)), read.findFirst());
        }
    }

    @Test
    @DisplayName("a range from above to is refused by StreamRange")
    void rangeWithMinAboveMaxIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new StreamRange(bucket, stream, 5, 3));
    }

    @Test
    void rangeWithNegativeRevisionsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new StreamRange(bucket, stream, -1, 3));
        assertThrows(IllegalArgumentException.class, () -> new StreamRange(bucket, stream, -5, -1));
    }

    @Test
    @DisplayName("after deleteStream, a re-created stream starts at sequence 1 and checkpoints keep increasing")
    void recreatedStreamStartsAtSequenceOneAndCheckpointsKeepIncreasing() {
        long highest = commits.get(commits.size() - 1).checkpoint();
        engine().deleteStream(new StreamKey(bucket, stream));

        CommitRecord recreated = commit(Attempts.first(bucket, stream));

        assertEquals(1, recreated.commitSequence());
        assertTrue(recreated.checkpoint() > highest, recreated.checkpoint() + " after " + highest);
        assertEquals(List.of(recreated), read(0, Long.MAX_VALUE));
    }
}
