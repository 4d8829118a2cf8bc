package dev.isolate4j.shapes;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.InProcessExtension;
import dev.isolate4j.RemoteMethodException;
import dev.isolate4j.shapes.ExceptionShapes.DailyQuotaException;
import dev.isolate4j.shapes.ExceptionShapes.Detail;
import dev.isolate4j.shapes.ExceptionShapes.DetailedException;
import dev.isolate4j.shapes.ExceptionShapes.QuotaException;
import dev.isolate4j.shapes.ExceptionShapes.RateLimitedException;
import dev.isolate4j.shapes.ExceptionShapes.Severity;
import dev.isolate4j.shapes.ExceptionShapes.UncrossableException;
import dev.isolate4j.shapes.ExceptionShapes.UndeclaredException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A checked exception the method declares arrives as itself, with the values of its own fields. */
class ExceptionShapesTest {
    public static final class Thrower extends ExtensionBase implements ExceptionShapes {
        @Override
        public void detailed(int code) throws DetailedException {
            DetailedException e = new DetailedException(
                    "detailed " + code, code, "reason " + code, new Detail("k", code), Severity.HIGH);
            e.initCause(new IllegalStateException("inner"));
            throw e;
        }

        @Override
        public void rateLimited(int code, long retryAfterSeconds) throws RateLimitedException {
            throw new RateLimitedException(code, Duration.ofSeconds(retryAfterSeconds));
        }

        @Override
        public void quota(long limit, String day) throws QuotaException {
            throw new DailyQuotaException("over quota", limit, day);
        }

        @Override
        public CompletableFuture<String> rateLimitedLater(int code) {
            return CompletableFuture.failedFuture(new RateLimitedException(code, Duration.ofMinutes(1)));
        }

        @Override
        public CompletableFuture<String> rateLimitedInAStage(int code) {
            return CompletableFuture.supplyAsync(() -> {
                throw new CompletionException(new RateLimitedException(code, Duration.ofMinutes(2)));
            });
        }

        @Override
        public void uncrossable(int code) throws UncrossableException {
            throw new UncrossableException("holds a thread", Thread.currentThread(), code);
        }

        @Override
        public void undeclared(int code) {
            throw ExceptionShapesTest.<RuntimeException>sneaky(new UndeclaredException("not declared", code));
        }
    }

    private static InProcessExtension<ExceptionShapes> extension;
    private static ExceptionShapes shapes;

    @BeforeAll
    static void start() {
        extension = InProcessExtension.start(ExceptionShapes.class, new Thrower());
        shapes = extension.proxy();
    }

    @AfterAll
    static void stop() {
        extension.close();
    }

    @Test
    void fieldsOfPrimitiveStringRecordAndEnumTypesCross() {
        DetailedException e = assertThrows(DetailedException.class, () -> shapes.detailed(429));

        assertThat(e).hasMessageThat().isEqualTo("detailed 429");
        assertThat(e.code).isEqualTo(429);
        assertThat(e.reason).isEqualTo("reason 429");
        assertThat(e.detail).isEqualTo(new Detail("k", 429));
        assertThat(e.severity).isEqualTo(Severity.HIGH);
    }

    @Test
    void causeAndStackTraceAreKept() {
        DetailedException e = assertThrows(DetailedException.class, () -> shapes.detailed(1));

        assertThat(e).hasCauseThat().isInstanceOf(RemoteMethodException.class);
        assertThat(((RemoteMethodException) e.getCause()).remoteClassName())
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(Arrays.stream(e.getStackTrace()).map(StackTraceElement::getMethodName))
                .containsAtLeast("detailed", "causeAndStackTraceAreKept")
                .inOrder();
    }

    @Test
    void exceptionWithoutAStringOrNoArgConstructorArrivesAsItself() {
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> shapes.rateLimited(429, 30));

        assertThat(e).hasMessageThat().isEqualTo("rate limited: 429");
        assertThat(e.code).isEqualTo(429);
        assertThat(e.retryAfter).isEqualTo(Duration.ofSeconds(30));
        assertThat(e.getStackTrace()).isNotEmpty();
        e.addSuppressed(new IllegalStateException("later"));
        assertThat(e.getSuppressed()).hasLength(1);
    }

    @Test
    void subclassOfTheDeclaredExceptionCrossesWithTheFieldsOfBothLayers() {
        QuotaException e = assertThrows(QuotaException.class, () -> shapes.quota(1_000, "2024-02-29"));

        assertThat(e).isInstanceOf(DailyQuotaException.class);
        assertThat(e).hasMessageThat().isEqualTo("over quota");
        assertThat(e.limit).isEqualTo(1_000);
        assertThat(((DailyQuotaException) e).day).isEqualTo("2024-02-29");
    }

    @Test
    void asyncCallFailsWithTheDeclaredExceptionAndItsFields() throws RateLimitedException {
        CompletableFuture<String> future = shapes.rateLimitedLater(503);

        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        assertThat(e).hasCauseThat().isInstanceOf(RateLimitedException.class);
        RateLimitedException cause = (RateLimitedException) e.getCause();
        assertThat(cause).hasMessageThat().isEqualTo("rate limited: 503");
        assertThat(cause.code).isEqualTo(503);
        assertThat(cause.retryAfter).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anExceptionAStageWrappedInACompletionExceptionArrivesAsItself() throws RateLimitedException {
        CompletableFuture<String> future = shapes.rateLimitedInAStage(429);

        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        assertThat(e).hasCauseThat().isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) e.getCause()).retryAfter).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void fieldWhoseValueCannotCrossIsLeftOutAndTheRestArrives() {
        UncrossableException e = assertThrows(UncrossableException.class, () -> shapes.uncrossable(7));

        assertThat(e).hasMessageThat().isEqualTo("holds a thread");
        assertThat(e.context).isNull();
        assertThat(e.code).isEqualTo(7);
    }

    @Test
    void undeclaredCheckedExceptionArrivesAsRemoteMethodException() {
        RemoteMethodException e = assertThrows(RemoteMethodException.class, () -> shapes.undeclared(3));

        assertThat(e.remoteClassName()).isEqualTo(UndeclaredException.class.getName());
        assertThat(e.remoteMessage()).isEqualTo("not declared");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
