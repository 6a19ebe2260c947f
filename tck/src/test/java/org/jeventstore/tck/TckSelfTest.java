package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedMethod;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jeventstore.tck.usage.OtherPackageKit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The kit tests itself: it passes on the reference engine without skipping anything, and each deliberately
 * broken engine fails it, in the test written for that defect among others.
 */
class TckSelfTest {

    private static Events run(Class<?> kit) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(kit)).execute().testEvents();
    }

    /**
     * A broken engine's kit without the dispatch tests: they wait for deliveries a broken engine may never
     * make, and the defects they would catch are caught faster by the engine-level tests.
     */
    private static Events runBroken(Class<?> kit) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(kit))
                .filters(TagFilter.excludeTags(DispatchContract.TAG)).execute().testEvents();
    }

    /**
     * One test of a group that the broken kits leave out (the dispatch tests, whose waits make a broken engine
     * slow to fail), for a defect that shows in delivery.
     */
    private static Events runOne(Class<?> kit, Class<?> group, String method) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectNestedMethod(List.of(kit), group, method))
                .execute().testEvents();
    }

    private static String methodName(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(MethodSource.class::isInstance)
                .map(source -> ((MethodSource) source).getMethodName())
                .orElse(event.getTestDescriptor().getDisplayName());
    }

    private static String describe(Events failed) {
        return failed.stream()
                .map(event -> methodName(event) + ": " + event.getPayload().map(Object::toString).orElse(""))
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    /** Asserts that the kit passes, running every test and skipping none; returns how many ran. */
    private static long assertPasses(Class<?> kit) {
        Events tests = run(kit);

        assertEquals(0, tests.failed().count(), () -> "failures:" + describe(tests.failed()));
        assertEquals(0, tests.aborted().count(), () -> "aborted:" + describe(tests.aborted()));
        assertEquals(0, tests.skipped().count(), "skipped tests");
        assertTrue(tests.succeeded().count() >= 80, "only " + tests.succeeded().count() + " tests succeeded");
        return tests.succeeded().count();
    }

    /** Asserts that the kit fails on a broken engine, in (at least) each of the named tests. */
    private static void assertCaught(Class<?> kit, String... expectedFailures) {
        Events tests = runBroken(kit);
        Set<String> failed = tests.failed().stream().map(TckSelfTest::methodName).collect(Collectors.toSet());

        assertTrue(tests.failed().count() > 0, kit.getEnclosingClass().getSimpleName() + " passed the kit");
        for (String expected : expectedFailures) {
            assertTrue(failed.contains(expected), () -> expected + " did not fail; failures:" + describe(tests.failed()));
        }
        assertEquals(0, tests.aborted().count(), () -> "aborted:" + describe(tests.aborted()));
    }

    @Test
    void referenceEnginePassesTheWholeKit() {
        assertPasses(ReferenceEngineTckTest.class);
    }

    @Test
    @DisplayName("a kit in another package, as an engine's is, runs every test")
    void kitInAnotherPackageRunsEveryTest() {
        assertEquals(assertPasses(ReferenceEngineTckTest.class), assertPasses(OtherPackageKit.class));
    }

    @Test
    @DisplayName("an engine without READ_BY_TIME passes by refusing reads by time")
    void engineWithoutTimeReadsPassesTheWholeKit() {
        assertPasses(TimelessEngine.Kit.class);
    }

    @Test
    @DisplayName("an engine whose checkpoints have gaps, as the SPI allows, passes the whole kit")
    void engineWithGappedCheckpointsPassesTheWholeKit() {
        assertPasses(GappedCheckpointEngine.Kit.class);
    }

    @Test
    @DisplayName("a runner other than the JUnit Platform, which would run none of the kit, fails loudly instead")
    void plainTestMethodFailsLoudly() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> new ReferenceEngineTckTest().testThatTheKitRunsOnTheJUnitPlatform());
        assertTrue(failure.getMessage().contains("maven-surefire-plugin 3"), failure.getMessage());
    }

    @Test
    @DisplayName("the dispatch tests catch a feed with late arrivals: a subscription would skip a commit")
    void lateArrivalIsCaughtByTheDispatchTests() {
        assertCaughtBy(runOne(LateCheckpointEngine.Kit.class, PersistenceEngineTck.Dispatch.class,
                "subscriptionFromZeroDuringConcurrentWritesSeesEveryCommitOnceInOrder"),
                "subscriptionFromZeroDuringConcurrentWritesSeesEveryCommitOnceInOrder");
    }

    @Test
    @DisplayName("the dispatch tests catch positions written unconditionally: a process that lost its lease moves it")
    void unconditionalPositionWritesAreCaughtByTheDispatchTests() {
        assertCaughtBy(runOne(LastWriterWinsPositionsEngine.Kit.class, PersistenceEngineTck.Leases.class,
                "aHolderWhoseLeaseWasTakenCannotMoveThePosition"), "aHolderWhoseLeaseWasTakenCannotMoveThePosition");
    }

    private static void assertCaughtBy(Events tests, String... expectedFailures) {
        Set<String> failed = tests.failed().stream().map(TckSelfTest::methodName).collect(Collectors.toSet());
        for (String expected : expectedFailures) {
            assertTrue(failed.contains(expected), () -> expected + " did not fail; failures:" + describe(tests.failed()));
        }
    }

    @Test
    void lostCommitIsCaught() {
        assertCaught(LostCommitEngine.Kit.class, "storedCommitsReadBackEqualToWhatCommitReturned",
                "incrementalReaderSeesEveryCommitInCheckpointOrder");
    }

    @Test
    void acceptedDuplicateSequenceIsCaught() {
        assertCaught(DuplicateSequenceEngine.Kit.class,
                "commitWithTakenSequenceButLaterRevisionsThrowsConcurrencyException");
    }

    @Test
    void acceptedOverlappingRevisionRangeIsCaught() {
        assertCaught(OverlappingRangeEngine.Kit.class,
                "nextSequenceStartingInsideTheLastCommitThrowsConcurrencyException",
                "nextSequenceSpanningTheEndOfTheLastCommitThrowsConcurrencyException");
    }

    @Test
    void acceptedDuplicateCommitIdIsCaught() {
        assertCaught(DuplicateCommitIdEngine.Kit.class, "commitWithSameCommitIdThrowsDuplicateCommitException",
                "resendingTheIdenticalAttemptThrowsDuplicateCommitException",
                "sameCommitIdFromAStaleStreamThrowsDuplicateCommitException");
    }

    @Test
    void lateArrivingCheckpointIsCaught() {
        assertCaught(LateCheckpointEngine.Kit.class, "incrementalReaderSeesEveryCommitInCheckpointOrder");
    }

    @Test
    @DisplayName("a last checkpoint that counts deleted commits is caught: a caught-up reader would never reach it")
    void lastCheckpointOfADeletedCommitIsCaught() {
        assertCaught(AllocatedCheckpointEngine.Kit.class,
                "afterDeletingTheStreamOfTheLastCommitAnswersTheLastCommitLeft",
                "afterDeletingEveryStreamAnswersZero",
                "afterPurgingEverythingAnswersZero",
                "equalsTheLastCommitOfTheFeedThroughout");
    }

    @Test
    void ignoredMaxRevisionIsCaught() {
        assertCaught(IgnoredMaxRevisionEngine.Kit.class, "upperBoundStopsAtItsCommit", "bothBoundsAreInclusive");
    }

    @Test
    void reusedCheckpointIsCaught() {
        assertCaught(ReusedCheckpointEngine.Kit.class, "checkpointsAreNotReusedAfterDeleteStream",
                "recreatedStreamStartsAtSequenceOneAndCheckpointsKeepIncreasing");
    }

    @Test
    void wrongPageBoundaryIsCaught() {
        assertCaught(PageBoundaryEngine.Kit.class, "streamReadOfAnOddNumberOfCommitsIsComplete",
                "feedOfEveryBucketPagesInCheckpointOrder");
    }

    @Test
    void staleStreamHeadIsCaught() {
        assertCaught(StaleHeadEngine.Kit.class, "snapshotUpdatesTheHeadsSnapshotRevision");
    }

    @Test
    void snapshotLookupIgnoringMaxRevisionIsCaught() {
        assertCaught(LatestSnapshotEngine.Kit.class, "snapshotAtOrBelowMaxRevisionIsTheMostRecentPrior");
    }

    @Test
    void undeclaredTimeReadIsCaught() {
        assertCaught(UndeclaredTimeReadEngine.Kit.class, "readsCommitsStampedWithinTheHalfOpenRange");
    }

    @Test
    void forgottenPositionsAreCaught() {
        assertCaught(ForgetfulPositionsEngine.Kit.class, "positionsSurviveClosingAndReopeningTheEngine");
    }

    @Test
    @DisplayName("a conditional position write where the last writer wins is caught")
    void unconditionalReplacePositionIsCaught() {
        assertCaught(LastWriterWinsPositionsEngine.Kit.class,
                "replaceWithNoExpectedPositionReturnsFalseAndLeavesAStoredOne",
                "replaceExpectingAnotherCheckpointReturnsFalseAndWritesNothing",
                "replaceExpectingAnotherLeaseReturnsFalseAndWritesNothing",
                "replaceExpectingAPositionThatIsAbsentReturnsFalseAndWritesNothing",
                "replaceIsConditionalAcrossEngines",
                "racingReplacesHaveExactlyOneWinner");
    }

}
