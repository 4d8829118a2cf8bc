package dev.isolate4j.internal.rpc;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * How a blocking caller chooses to wait: polling while its polls get their replies, else the way
 * measured quickest; the others now and then.
 */
class ReplySpinTest {
    private static final long MISSED = 5_000_000;

    @Test
    void callsPollFromTheStartAndExploreTheOtherWaysInRuns() {
        ReplySpin spin = new ReplySpin(0);
        List<Integer> ways = new ArrayList<>();
        for (int i = 1; i < ReplySpin.EXPLORE_EVERY; i++) {
            ways.add(spin.choose());
        }

        assertThat(ways.get(0)).isEqualTo(ReplySpin.POLL);
        assertThat(ways.stream().filter(way -> way == ReplySpin.POLL).count())
                .isEqualTo(ReplySpin.EXPLORE_EVERY - 1L - ReplySpin.EXPLORE_RUN);
        assertThat(ways.subList(ways.size() - ReplySpin.EXPLORE_RUN + 1, ways.size()))
                .containsNoneOf(ReplySpin.POLL, ReplySpin.SPIN, ReplySpin.YIELD);
    }

    @Test
    void pollingThatMissesForAWhileIsLeftForTheQuickestOtherWay() {
        ReplySpin spin = measured(45_000, 20_000, 30_000);
        assertThat(spin.choose()).isEqualTo(ReplySpin.POLL);

        // A few misses (a collection) are not enough.
        for (int i = 0; i < 10; i++) {
            spin.record(ReplySpin.POLL, MISSED);
        }
        assertThat(spin.choose()).isEqualTo(ReplySpin.POLL);

        missAllPolls(spin);
        assertThat(spin.choose()).isEqualTo(ReplySpin.SPIN);
    }

    @Test
    void pollingComesBackOnProbation() {
        ReplySpin spin = withoutPolling(measured(45_000, 20_000, 30_000));

        int pollsBeforeProbation = 0;
        for (int i = 1; i < ReplySpin.PROBATION_EVERY - ReplySpin.EXPLORE_RUN; i++) {
            pollsBeforeProbation += spin.choose() == ReplySpin.POLL ? 1 : 0;
        }
        while (spin.choose() != ReplySpin.POLL || spin.choose() != ReplySpin.POLL) {
            // up to the probation
        }

        assertThat(pollsBeforeProbation).isAtMost(ReplySpin.EXPLORE_RUN); // its exploring run only
        assertThat(spin.choose()).isEqualTo(ReplySpin.POLL);
    }

    @Test
    void pollingOnProbationIsJudgedOnlyOnceTheThreadsSettled() {
        ReplySpin spin = withoutPolling(measured(45_000, 20_000, 30_000));
        int calls = 0;
        while (spin.choose() != ReplySpin.POLL || spin.choose() != ReplySpin.POLL) {
            calls++; // up to the probation
        }
        assertThat(calls).isLessThan(ReplySpin.PROBATION_EVERY);

        // Its first calls miss while the scheduler moves the threads: they are not held against it.
        missAllPolls(spin);
        assertThat(spin.choose()).isEqualTo(ReplySpin.POLL);

        for (int i = 0; i < ReplySpin.SETTLING_CALLS; i++) {
            spin.choose();
        }
        missAllPolls(spin);
        assertThat(spin.choose()).isNotEqualTo(ReplySpin.POLL);
    }

    @Test
    void theFirstCallsOfAConnectionAreNotRecorded() {
        ReplySpin spin = new ReplySpin();
        for (int i = 0; i < 1_000; i++) {
            spin.record(ReplySpin.POLL, MISSED);
        }

        assertThat(spin.choose()).isEqualTo(ReplySpin.POLL);
    }

    @Test
    void withoutPollingTheQuickestWayIsChosenAndTheOthersAreMeasuredAgainNowAndThen() {
        ReplySpin spin = withoutPolling(measured(20_000, 45_000, 30_000));

        List<Integer> ways = new ArrayList<>();
        for (int i = 1; i < ReplySpin.PROBATION_EVERY; i++) {
            ways.add(spin.choose());
        }

        // Every other call parks; a run every EXPLORE_EVERY tries the next way (parking, then spinning).
        assertThat(ways.stream().filter(way -> way == ReplySpin.PARK).count())
                .isEqualTo(ReplySpin.PROBATION_EVERY - 1L - ReplySpin.EXPLORE_RUN);
        assertThat(ways).contains(ReplySpin.SPIN);
    }

    @Test
    void theAveragesFollowTheMachine() {
        ReplySpin spin = withoutPolling(measured(20_000, 15_000, 30_000));
        assertThat(spin.choose()).isEqualTo(ReplySpin.SPIN);

        // Spinning starts to lose (the machine got busy): a few slow round trips and it is left.
        for (int i = 0; i < 8; i++) {
            spin.record(ReplySpin.SPIN, 60_000);
        }

        assertThat(spin.choose()).isEqualTo(ReplySpin.PARK);
    }

    @Test
    void aCollectionPauseCountsNoMoreThanASlowRoundTrip() {
        ReplySpin spin = withoutPolling(measured(45_000, 20_000, 60_000));

        // Collection pauses while it spun: spinning is left for parking.
        for (int i = 0; i < 3; i++) {
            spin.record(ReplySpin.SPIN, MISSED);
        }
        assertThat(spin.choose()).isEqualTo(ReplySpin.PARK);

        // The next time spinning is explored, it is quick again for a few calls: the next call spins.
        for (int i = 0; i < 3; i++) {
            spin.record(ReplySpin.SPIN, 20_000);
        }
        assertThat(spin.choose()).isEqualTo(ReplySpin.SPIN);
    }

    @Test
    void callsSlowerThanASpinParkAtOnce() {
        ReplySpin spin = withoutPolling(measured(2_000_000, 900_000, 800_000));

        assertThat(spin.choose()).isEqualTo(ReplySpin.PARK);
    }

    @Test
    void aSpinEndsWhenTheReplyIsThereOrTheSpinIsOver() {
        ReplySpin spin = new ReplySpin(0);
        CompletableFuture<String> done = CompletableFuture.completedFuture("reply");
        CompletableFuture<String> never = new CompletableFuture<>();

        ReplySpin.Poller cannotPoll = (reply, end) -> false;
        spin.await(done, System.nanoTime(), ReplySpin.SPIN, cannotPoll);
        spin.await(never, System.nanoTime(), ReplySpin.YIELD, cannotPoll);
        spin.await(never, System.nanoTime(), ReplySpin.SPIN, cannotPoll);
        spin.await(never, System.nanoTime(), ReplySpin.POLL, cannotPoll);

        assertThat(never.isDone()).isFalse(); // returned, the caller parks next
    }

    @Test
    void onlyAPollingWaitReadsTheConnectionAndItStopsAtTheSpinsEnd() {
        ReplySpin spin = new ReplySpin(0);
        CompletableFuture<String> never = new CompletableFuture<>();
        List<Long> ends = new ArrayList<>();
        ReplySpin.Poller poller = (reply, end) -> {
            ends.add(end);
            return true;
        };

        long start = System.nanoTime();
        spin.await(never, start, ReplySpin.SPIN, poller);
        spin.await(never, start, ReplySpin.PARK, poller);
        spin.await(never, start, ReplySpin.POLL, poller);

        assertThat(ends).containsExactly(start + ReplySpin.MAX_SPIN_NANOS);
    }

    /** A spin whose ways but polling have each been measured once, at these round trips in nanoseconds. */
    private static ReplySpin measured(long park, long spin, long yield) {
        ReplySpin replySpin = new ReplySpin(0);
        replySpin.record(ReplySpin.PARK, park);
        replySpin.record(ReplySpin.SPIN, spin);
        replySpin.record(ReplySpin.YIELD, yield);
        return replySpin;
    }

    private static ReplySpin withoutPolling(ReplySpin spin) {
        missAllPolls(spin);
        return spin;
    }

    /** Polls that all miss, until calls no longer poll. */
    private static void missAllPolls(ReplySpin spin) {
        for (int i = 0; i < 100; i++) {
            spin.record(ReplySpin.POLL, MISSED);
        }
    }
}
