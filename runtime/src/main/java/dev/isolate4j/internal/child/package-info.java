/**
 * The child JVM's side: its main, the session with the host, how the extension is found and loaded in a class loader of its own, and the in-process mode that runs the same code without a child. Internal: not part of the API.
 */
package dev.isolate4j.internal.child;
