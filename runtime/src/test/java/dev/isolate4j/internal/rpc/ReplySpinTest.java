package dev.isolate4j.internal.rpc;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How a blocking caller chooses to wait: the way measured quickest, the others now and then. */
class ReplySpinTest {

    @Test
    void eachWayIsTriedBeforeAnyIsPreferred() {
        ReplySpin spin = new ReplySpin();
        List<Integer> ways = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int way = spin.choose();
            ways.add(way);
            spin.record(way, 10_000);
        }

        assertThat(ways).containsExactly(ReplySpin.PARK, ReplySpin.SPIN, ReplySpin.YIELD);
    }

    @Test
    void theQuickestWayIsChosenAndTheOthersAreMeasuredAgainNowAndThen() {
        ReplySpin spin = measured(20_000, 45_000, 30_000);

        List<Integer> ways = new ArrayList<>();
        for (int i = 1; i <= 3 * ReplySpin.EXPLORE_EVERY; i++) {
            ways.add(spin.choose());
        }

        // Every other call parks; one in EXPLORE_EVERY tries the ways in turn.
        assertThat(ways.stream().filter(way -> way == ReplySpin.PARK).count())
                .isEqualTo(3 * ReplySpin.EXPLORE_EVERY - 2);
        assertThat(ways).contains(ReplySpin.SPIN);
        assertThat(ways).contains(ReplySpin.YIELD);
    }

    @Test
    void theAveragesFollowTheMachine() {
        ReplySpin spin = measured(20_000, 15_000, 30_000);
        assertThat(spin.choose()).isEqualTo(ReplySpin.SPIN);

        // Spinning starts to lose (the machine got busy): a few slow round trips and it is left.
        for (int i = 0; i < 8; i++) {
            spin.record(ReplySpin.SPIN, 60_000);
        }

        assertThat(spin.choose()).isEqualTo(ReplySpin.PARK);
    }

    @Test
    void aCollectionPauseCountsNoMoreThanASlowRoundTrip() {
        ReplySpin spin = measured(45_000, 20_000, 60_000);

        // Collection pauses while it spun: spinning is left for parking.
        for (int i = 0; i < 3; i++) {
            spin.record(ReplySpin.SPIN, 5_000_000);
        }
        assertThat(spin.choose()).isEqualTo(ReplySpin.PARK);

        // The next time spinning is explored, it is quick again: the next call spins.
        spin.record(ReplySpin.SPIN, 20_000);
        assertThat(spin.choose()).isEqualTo(ReplySpin.SPIN);
    }

    @Test
    void aWayNotTakenFollowsItsFewRoundTripsClosely() {
        ReplySpin spin = measured(30_000, 20_000, 60_000);
        for (int i = 0; i < 3; i++) {
            spin.record(ReplySpin.SPIN, 5_000_000);
        }
        assertThat(spin.choose()).isEqualTo(ReplySpin.PARK);

        // Explored one call in 384, spinning is quick again three times: the next call spins.
        for (int i = 0; i < 3; i++) {
            spin.record(ReplySpin.SPIN, 20_000);
        }
        assertThat(spin.choose()).isEqualTo(ReplySpin.SPIN);
    }

    @Test
    void callsSlowerThanASpinParkAtOnce() {
        ReplySpin spin = measured(2_000_000, 900_000, 800_000);

        assertThat(spin.choose()).isEqualTo(ReplySpin.PARK);
    }

    @Test
    void aSpinEndsWhenTheReplyIsThereOrTheSpinIsOver() {
        ReplySpin spin = new ReplySpin();
        CompletableFuture<String> done = CompletableFuture.completedFuture("reply");
        CompletableFuture<String> never = new CompletableFuture<>();

        spin.await(done, System.nanoTime(), ReplySpin.SPIN);
        spin.await(never, System.nanoTime(), ReplySpin.YIELD);
        spin.await(never, System.nanoTime(), ReplySpin.SPIN);

        assertThat(never.isDone()).isFalse(); // returned, the caller parks next
    }

    /** A spin whose ways have each been measured once, at these round trips in nanoseconds. */
    private static ReplySpin measured(long park, long spin, long yield) {
        ReplySpin replySpin = new ReplySpin();
        replySpin.record(ReplySpin.PARK, park);
        replySpin.record(ReplySpin.SPIN, spin);
        replySpin.record(ReplySpin.YIELD, yield);
        return replySpin;
    }
}
