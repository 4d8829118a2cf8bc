package dev.isolate4j.shapes;

import dev.isolate4j.annotations.Callee;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Checked exceptions with fields of their own, thrown by methods that declare them. The record and
 * the enum are reachable from the exceptions' fields only, never from a parameter or a result.
 */
@Callee
public interface ExceptionShapes {
    enum Severity {
        LOW,
        HIGH
    }

    record Detail(String key, int weight) {}

    /** Fields of primitive, String, record and enum types, and a {@code (String)} constructor. */
    class DetailedException extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;
        final String reason;
        // Not Serializable, as an application's record may be: isolate4j sends the fields.
        @SuppressWarnings("serial")
        final Detail detail;

        final Severity severity;

        public DetailedException(String message) {
            this(message, 0, null, null, null);
        }

        public DetailedException(String message, int code, String reason, Detail detail, Severity severity) {
            super(message);
            this.code = code;
            this.reason = reason;
            this.detail = detail;
            this.severity = severity;
        }
    }

    /** Neither a {@code (String)} nor a no-arg constructor. */
    class RateLimitedException extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;
        final Duration retryAfter;

        public RateLimitedException(int code, Duration retryAfter) {
            super("rate limited: " + code);
            this.code = code;
            this.retryAfter = retryAfter;
        }
    }

    /** Declared by {@link #quota}, which throws its subclass. */
    class QuotaException extends Exception {
        private static final long serialVersionUID = 1L;
        final long limit;

        public QuotaException(String message, long limit) {
            super(message);
            this.limit = limit;
        }
    }

    class DailyQuotaException extends QuotaException {
        private static final long serialVersionUID = 1L;
        final String day;

        public DailyQuotaException(String message, long limit, String day) {
            super(message, limit);
            this.day = day;
        }
    }

    /** Holds a value that cannot cross in {@code context}. */
    class UncrossableException extends Exception {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial") // whatever the test puts there: that is the point
        final Object context;

        final int code;

        public UncrossableException(String message, Object context, int code) {
            super(message);
            this.context = context;
            this.code = code;
        }
    }

    /** Thrown by a method that does not declare it. */
    class UndeclaredException extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        public UndeclaredException(String message, int code) {
            super(message);
            this.code = code;
        }
    }

    void detailed(int code) throws DetailedException;

    void rateLimited(int code, long retryAfterSeconds) throws RateLimitedException;

    void quota(long limit, String day) throws QuotaException;

    CompletableFuture<String> rateLimitedLater(int code) throws RateLimitedException;

    /** Fails inside a stage, which wraps the exception in a CompletionException. */
    CompletableFuture<String> rateLimitedInAStage(int code) throws RateLimitedException;

    void uncrossable(int code) throws UncrossableException;

    void undeclared(int code);
}
