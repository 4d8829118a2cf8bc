package dev.isolate4j.it.extension;

import dev.isolate4j.it.api.Traced;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** Reports the span current in the extension; loaded only where the OpenTelemetry API is. */
final class FixtureTraced implements Traced {
    @Override
    public String currentTrace() {
        SpanContext context = Span.current().getSpanContext();
        return context.getTraceId() + "/" + context.getSpanId();
    }
}
