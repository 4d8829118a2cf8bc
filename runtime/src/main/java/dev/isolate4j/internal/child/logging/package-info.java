/** The child's log events, sent to the host's SLF4J. Internal: not part of the API. */
package dev.isolate4j.internal.child.logging;
