/**
 * Calls between host and child over one connection: proxies and their targets, pending calls, serving incoming calls, references passed by callee interface, and the reading thread's hand-off. Internal: not part of the API.
 */
package dev.isolate4j.internal.rpc;
