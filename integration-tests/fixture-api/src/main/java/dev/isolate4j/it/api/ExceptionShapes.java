package dev.isolate4j.it.api;

import dev.isolate4j.annotations.Callee;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Checked exceptions with fields of their own, each thrown by a method that declares it; registered
 * by the fixture extension as callee "exception-shapes". The record and the enum are reachable
 * from the exceptions' fields only.
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
        public final int code;
        public final String reason;
        // A record that is not Serializable, as an application's may be: isolate4j sends the
        // fields, not the Java serialization (javac's serial lint flags it on JDK 21 and later).
        @SuppressWarnings("serial")
        public final Detail detail;

        public final Severity severity;

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
        public final int code;
        public final Duration retryAfter;

        public RateLimitedException(int code, Duration retryAfter) {
            super("rate limited: " + code);
            this.code = code;
            this.retryAfter = retryAfter;
        }
    }

    /** Declared by {@link #quota}, which throws its subclass. */
    class QuotaException extends Exception {
        private static final long serialVersionUID = 1L;
        public final long limit;

        public QuotaException(String message, long limit) {
            super(message);
            this.limit = limit;
        }
    }

    class DailyQuotaException extends QuotaException {
        private static final long serialVersionUID = 1L;
        public final String day;

        public DailyQuotaException(String message, long limit, String day) {
            super(message, limit);
            this.day = day;
        }
    }

    /** Holds a value that cannot cross (a thread) in {@code context}. */
    class UncrossableException extends Exception {
        private static final long serialVersionUID = 1L;
        public final transient Object unsent;

        @SuppressWarnings("serial") // whatever the test puts there: that is the point
        public final Object context;

        public final int code;

        public UncrossableException(String message, Object context, int code) {
            super(message);
            this.unsent = context;
            this.context = context;
            this.code = code;
        }
    }

    /** Thrown by a method that does not declare it. */
    class UndeclaredException extends Exception {
        private static final long serialVersionUID = 1L;

        public UndeclaredException(String message) {
            super(message);
        }
    }

    /** Throws a {@link DetailedException} with {@code code} in its fields and an {@code IllegalStateException} cause. */
    void detailed(int code) throws DetailedException;

    void rateLimited(int code, long retryAfterSeconds) throws RateLimitedException;

    void quota(long limit, String day) throws QuotaException;

    /** Fails the future it returns with a {@link RateLimitedException}. */
    CompletableFuture<String> rateLimitedLater(int code) throws RateLimitedException;

    void uncrossable(int code) throws UncrossableException;

    /** Throws an {@link UndeclaredException}, which it does not declare. */
    void undeclared(String message);
}
