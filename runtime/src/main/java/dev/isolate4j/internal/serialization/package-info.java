/**
 * Payloads: the values of a call encoded with Fory, or without it for the simple kinds a call most often carries. Internal: not part of the API.
 */
package dev.isolate4j.internal.serialization;
