package dev.isolate4j.it.extension;

import dev.isolate4j.it.api.ExceptionShapes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Throws each exception with the values it was asked for. */
final class FixtureExceptionShapes implements ExceptionShapes {
    @Override
    public void detailed(int code) throws DetailedException {
        DetailedException e =
                new DetailedException("detailed " + code, code, "reason " + code, new Detail("k", code), Severity.HIGH);
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
    public void uncrossable(int code) throws UncrossableException {
        throw new UncrossableException("holds a thread", Thread.currentThread(), code);
    }

    @Override
    public void undeclared(String message) {
        throw FixtureExceptionShapes.<RuntimeException>sneaky(new UndeclaredException(message));
    }

    /** Throws a checked exception the method does not declare, as a plugin written in another language may. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
