package dev.isolate4j.streams;

import static com.google.common.truth.Truth.assertThat;
import static dev.isolate4j.streams.StreamTest.await;

import dev.isolate4j.InProcessExtension;
import dev.isolate4j.RemoteMethodException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stream nobody subscribes to within the call timeout is cancelled, and its producer told. */
class StreamDeadlineTest {
    @Test
    void anUnsubscribedResultIsCancelledAndItsProducerTold() throws Exception {
        try (InProcessExtension<Streaming> extension =
                InProcessExtension.start(Streaming.class, new StreamingExtension(), Map.of(), Duration.ofSeconds(2))) {
            Flow.Publisher<Integer> numbers = extension.proxy().range(-1);

            // Told: the producer was subscribed and cancelled at once, without a single item.
            await(() -> extension.proxy().lastProducer().cancelled());
            assertThat(extension.proxy().lastProducer().emitted()).isEqualTo(0);

            RecordingSubscriber<Integer> late = new RecordingSubscriber<>(1);
            numbers.subscribe(late);
            Throwable error = late.awaitEnd();
            assertThat(error).isInstanceOf(RemoteMethodException.class);
            assertThat(error).hasMessageThat().contains("is not open");
            assertThat(error).hasMessageThat().contains("not subscribed within the call timeout (2000 ms)");
            assertThat(late.violations).isEmpty();
        }
    }

    @Test
    void anArgumentTheExtensionIgnoresIsCancelledAndTheHostsProducerTold() throws Exception {
        try (InProcessExtension<Streaming> extension =
                InProcessExtension.start(Streaming.class, new StreamingExtension(), Map.of(), Duration.ofSeconds(2))) {
            RangePublisher<Integer> numbers = RangePublisher.integers(-1);

            extension.proxy().ignore(numbers);

            assertThat(numbers.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(numbers.emitted.get()).isEqualTo(0);
        }
    }
}
