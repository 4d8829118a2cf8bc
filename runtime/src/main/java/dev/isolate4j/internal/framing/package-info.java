/**
 * Frames on a byte stream: length, type, call id and an optional segment (a large array, which may cross outside the socket: SegmentOutbox, SegmentInbox), read and written through buffers; a pure codec that knows nothing of what the bodies mean (internal.protocol does). Internal: not part of the API.
 */
package dev.isolate4j.internal.framing;
