package dev.isolate4j;

/**
 * What a {@link CallInterceptor} is told of one call after it saw it.
 *
 * <pre>{@code
 * return new CallListener() {
 *     public void completed(Throwable failure) {
 *         timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
 *     }
 * };
 * }</pre>
 */
public interface CallListener {
    /** Listens to nothing. */
    CallListener NONE = new CallListener() {};

    /**
     * Serving side only: on the thread that ran the method, right after it returned or threw (an
     * asynchronous method: once it returned its future). Close here what {@link
     * CallInterceptor#beforeServe} made current on that thread.
     */
    default void returned() {}

    /**
     * Once, when the call ended: its result received (caller's side) or sent (serving side), or
     * its failure.
     *
     * @param failure {@code null} when the call succeeded; what it failed with otherwise
     */
    default void completed(Throwable failure) {}
}
