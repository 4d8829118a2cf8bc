package dev.isolate4j;

import java.util.Map;

/**
 * Sees each call on one side of a connection: on the caller's side before the call is sent, on the
 * serving side before the method runs, like gRPC's client and server interceptors. It may put
 * metadata (a small map of strings) on the calls it sends, which the interceptors of the serving
 * side read, and it is told how each call ended. Tracing and metrics modules are built on it
 * ({@code isolate4j-opentelemetry}, {@code isolate4j-micrometer}).
 *
 * <p>Installed in the host with {@link ExtensionManagerConfig.Builder#interceptors}, and on both
 * sides through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.isolate4j.CallInterceptor}
 * on the host's class path, or on the extension's). Without interceptors, calls carry no metadata and
 * pay nothing.
 *
 * <pre>{@code
 * CallInterceptor requestIds = new CallInterceptor() {
 *     public CallListener beforeCall(CallInfo call, Map<String, String> metadata) {
 *         metadata.put("request-id", RequestContext.currentId());
 *         return CallListener.NONE;
 *     }
 *
 *     public CallListener beforeServe(CallInfo call, Map<String, String> metadata) {
 *         RequestContext.enter(metadata.get("request-id"));
 *         return new CallListener() {
 *             public void returned() {
 *                 RequestContext.exit();
 *             }
 *         };
 *     }
 * };
 * }</pre>
 *
 * <p>Runs on the call path: keep it short, and never block. An interceptor that throws fails the
 * call it saw, with its exception.
 */
public interface CallInterceptor {
    /**
     * On the caller's side, on the caller's thread, before the call is sent.
     *
     * @param call what is called
     * @param metadata the call's metadata, to add to: it travels with the call (keys and values of
     *     at most 1,024 characters, 64 entries in all)
     * @return told how the call ended; {@link CallListener#NONE} when that is of no interest
     */
    default CallListener beforeCall(CallInfo call, Map<String, String> metadata) {
        return CallListener.NONE;
    }

    /**
     * On the serving side, on the thread that runs the method, right before it runs.
     *
     * @param call what is called
     * @param metadata what the caller's interceptors put on the call; read-only
     * @return told when the method returned on this thread, and how the call ended
     */
    default CallListener beforeServe(CallInfo call, Map<String, String> metadata) {
        return CallListener.NONE;
    }
}
