package dev.isolate4j.internal.rpc;

import static com.google.common.truth.Truth.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stream's subscription deadline fires once, after its time, and never once disarmed. */
class StreamDeadlinesTest {
    private final List<Long> expired = new CopyOnWriteArrayList<>();
    private final StreamDeadlines deadlines = new StreamDeadlines(expired::add);

    @Test
    void anArmedDeadlineExpiresItsStreamOnceAfterItsTime() throws Exception {
        long armedAt = System.nanoTime();
        deadlines.arm(7, TimeUnit.MILLISECONDS.toNanos(200));

        awaitExpired(1);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - armedAt);

        assertThat(expired).containsExactly(7L);
        assertThat(waitedMillis).isAtLeast(200L);
        assertThat(deadlines.armed()).isEqualTo(0);
        Thread.sleep(3 * TimeUnit.NANOSECONDS.toMillis(StreamDeadlines.TICK_NANOS));
        assertThat(expired).containsExactly(7L); // once
        deadlines.clear();
    }

    @Test
    void aDisarmedDeadlineNeverExpires() throws Exception {
        deadlines.arm(1, TimeUnit.MILLISECONDS.toNanos(50));
        deadlines.arm(2, TimeUnit.MILLISECONDS.toNanos(50));
        deadlines.disarm(1);

        awaitExpired(1);
        Thread.sleep(3 * TimeUnit.NANOSECONDS.toMillis(StreamDeadlines.TICK_NANOS));

        assertThat(expired).containsExactly(2L);
        deadlines.clear();
    }

    @Test
    void clearedDeadlinesNeverExpire() throws Exception {
        deadlines.arm(3, TimeUnit.MILLISECONDS.toNanos(50));
        deadlines.clear();

        Thread.sleep(50 + 3 * TimeUnit.NANOSECONDS.toMillis(StreamDeadlines.TICK_NANOS));

        assertThat(expired).isEmpty();
        assertThat(deadlines.armed()).isEqualTo(0);
    }

    private void awaitExpired(int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (expired.size() < count && System.nanoTime() - end < 0) {
            Thread.sleep(10);
        }
        assertThat(expired.size()).isAtLeast(count);
    }
}
