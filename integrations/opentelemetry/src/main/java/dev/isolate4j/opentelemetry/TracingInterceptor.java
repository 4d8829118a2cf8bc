package dev.isolate4j.opentelemetry;

import dev.isolate4j.CallInfo;
import dev.isolate4j.CallInterceptor;
import dev.isolate4j.CallListener;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Continues the caller's trace in the extension: on the caller's side, a {@code CLIENT} span per
 * call whose context (W3C trace context and baggage) travels in the call's metadata; on the serving
 * side, a {@code SERVER} span, child of it, current on the thread that runs the method, so that the
 * extension's own spans join the caller's trace. Attributes: {@code rpc.system=isolate4j}, {@code
 * rpc.service} (the interface), {@code rpc.method}, {@code isolate4j.extension}.
 *
 * <p>Found by {@link java.util.ServiceLoader} on the host's and the extension's class paths, where
 * it uses {@link GlobalOpenTelemetry} at each call (so an SDK installed after the manager was made
 * is used); or installed with an instance of its own:
 *
 * <pre>{@code
 * ExtensionManagerConfig.builder()
 *     .envRootPath(root)
 *     .interceptors(new TracingInterceptor(openTelemetry))
 *     .build();
 * }</pre>
 *
 * <p>Trace context crosses in W3C form whatever the propagators configured, so that a child with
 * no SDK of its own still runs the extension inside the caller's trace.
 */
public final class TracingInterceptor implements CallInterceptor {
    private static final String INSTRUMENTATION = "dev.isolate4j";
    private static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
    private static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
    private static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
    private static final AttributeKey<String> EXTENSION = AttributeKey.stringKey("isolate4j.extension");
    private static final TextMapGetter<Map<String, String>> FROM_METADATA = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> metadata) {
            return metadata.keySet();
        }

        @Override
        public String get(Map<String, String> metadata, String key) {
            return metadata == null ? null : metadata.get(key);
        }
    };

    private final Supplier<OpenTelemetry> openTelemetry;

    /** The global OpenTelemetry, looked up at each call: how {@code ServiceLoader} makes it. */
    public TracingInterceptor() {
        this.openTelemetry = GlobalOpenTelemetry::get;
    }

    /** @param openTelemetry the OpenTelemetry whose tracer makes the spans */
    public TracingInterceptor(OpenTelemetry openTelemetry) {
        this.openTelemetry = () -> openTelemetry;
    }

    @Override
    public CallListener beforeCall(CallInfo call, Map<String, String> metadata) {
        Span span = span(call, SpanKind.CLIENT, Context.current());
        W3c.PROPAGATOR.inject(Context.current().with(span), metadata, Map::put);
        return ending(span, null);
    }

    @Override
    public CallListener beforeServe(CallInfo call, Map<String, String> metadata) {
        Context caller = W3c.PROPAGATOR.extract(Context.current(), metadata, FROM_METADATA);
        Span span = span(call, SpanKind.SERVER, caller);
        Scope scope = caller.with(span).makeCurrent();
        return ending(span, scope);
    }

    private Span span(CallInfo call, SpanKind kind, Context parent) {
        Tracer tracer = openTelemetry.get().getTracer(INSTRUMENTATION);
        return tracer.spanBuilder(call.fullMethodName())
                .setSpanKind(kind)
                .setParent(parent)
                .setAttribute(RPC_SYSTEM, "isolate4j")
                .setAttribute(RPC_SERVICE, call.type().getName())
                .setAttribute(RPC_METHOD, call.method())
                .setAttribute(EXTENSION, call.extension())
                .startSpan();
    }

    /**
     * W3C's propagators, made at the first call rather than with the interceptor, which a child makes
     * before it is ready: OpenTelemetry's trace-context propagator creates a {@code
     * java.util.logging} logger as it loads, and initializing {@code java.util.logging} searches every
     * jar of the class path (about 30 ms of a child's start on a test's class path).
     */
    private static final class W3c {
        static final TextMapPropagator PROPAGATOR = TextMapPropagator.composite(
                W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());
    }

    /** Closes the scope on the serving thread when the method returned; ends the span with the call. */
    private static CallListener ending(Span span, Scope scope) {
        return new CallListener() {
            @Override
            public void returned() {
                if (scope != null) {
                    scope.close();
                }
            }

            @Override
            public void completed(Throwable failure) {
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
                }
                span.end();
            }
        };
    }
}
