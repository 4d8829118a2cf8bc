package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.it.api.TestExtension;
import dev.isolate4j.it.api.Traced;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * isolate4j-opentelemetry on the host's class path and on a shared child's, found by ServiceLoader
 * on both: the caller's trace continues where the extension's code runs, through a real child.
 */
class TracingTest {
    @TempDir
    Path envRoot;

    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk sdk;

    @BeforeEach
    void installSdk() {
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .build();
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(sdk);
    }

    @AfterEach
    void removeSdk() {
        GlobalOpenTelemetry.resetForTest();
        sdk.close();
    }

    @Test
    void theExtensionRunsInTheCallersTraceUnderTheCallsClientSpan() {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension =
                    manager.loadExtension(Fixtures.config("traced").build());
            Traced traced = ExtensionHandle.of(extension).createCaller(Traced.class, "traced");

            Span request = sdk.getTracer("test").spanBuilder("request").startSpan();
            String seenInTheChild;
            try (Scope scope = request.makeCurrent()) {
                seenInTheChild = traced.currentTrace();
            } finally {
                request.end();
            }

            SpanData client = exporter.getFinishedSpanItems().stream()
                    .filter(span -> span.getName().equals("Traced.currentTrace"))
                    .findFirst()
                    .orElseThrow();
            assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(client.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
            assertThat(client.getParentSpanId())
                    .isEqualTo(request.getSpanContext().getSpanId());
            assertThat(client.getAttributes().get(AttributeKey.stringKey("rpc.system")))
                    .isEqualTo("isolate4j");
            assertThat(client.getAttributes().get(AttributeKey.stringKey("isolate4j.extension")))
                    .isEqualTo("traced");
            // The child has no SDK of its own: its server span carries the caller's context, so the
            // extension's code sees the client span as its current one, in the caller's trace.
            assertThat(seenInTheChild).isEqualTo(client.getTraceId() + "/" + client.getSpanId());
        }
    }
}
