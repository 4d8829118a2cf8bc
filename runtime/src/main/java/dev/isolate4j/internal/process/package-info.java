/**
 * The host's side of an extension's life: planning a launch, starting the child JVM, bringing it to READY, and the state machine that stops and restarts it. Internal: not part of the API.
 */
package dev.isolate4j.internal.process;
