package dev.isolate4j.internal.serialization;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.fory.ThreadSafeFory;
import org.junit.jupiter.api.Test;

/** A connection's Fory: a few instances, whatever the processors, shared by every thread that calls. */
class ForyBuildsTest {
    record Point(int x, int y, String label) {}

    @Test
    void keepsAtMostFourInstancesWhateverTheProcessors() {
        ThreadSafeFory fory = ForyBuilds.newFory(false, false, "no shared memory in this test");
        AtomicInteger instances = new AtomicInteger();

        // Called once for each instance the pool holds, as a registration would be.
        fory.registerCallback(instance -> instances.incrementAndGet());

        assertThat(instances.get()).isEqualTo(ForyBuilds.POOL_SIZE);
        assertThat(instances.get()).isAtMost(4);
        assertThat(instances.get()).isAtMost(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void moreThreadsThanInstancesEachGetTheirOwnValuesBack() throws Exception {
        ThreadSafeFory fory = ForyBuilds.newFory(false, false, "no shared memory in this test");
        ForyBuilds.registerAs(fory, Point.class, "isolate4j:test", "Point");
        int threads = 4 * ForyBuilds.POOL_SIZE + 3;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 2_000; i++) {
                        Point sent = new Point(thread, i, "thread " + thread);
                        Object read = fory.deserialize(fory.serialize(sent));
                        assertThat(read).isEqualTo(sent);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
