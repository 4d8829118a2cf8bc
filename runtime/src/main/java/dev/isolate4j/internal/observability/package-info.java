/**
 * What the runtime reports of itself: JFR events for calls and lifecycle, and per-extension call statistics. Internal: not part of the API.
 */
package dev.isolate4j.internal.observability;
