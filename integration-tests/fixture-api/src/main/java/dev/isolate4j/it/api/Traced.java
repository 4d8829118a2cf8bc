package dev.isolate4j.it.api;

import dev.isolate4j.annotations.Callee;

/**
 * The trace the extension's code runs in; registered by the fixture extension as callee "traced"
 * where the OpenTelemetry API is on its class path.
 */
@Callee
public interface Traced {
    /** {@return "traceId/spanId" of the span current where the method runs} */
    String currentTrace();
}
