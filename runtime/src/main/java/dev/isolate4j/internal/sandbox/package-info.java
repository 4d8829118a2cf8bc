/**
 * The bubblewrap sandbox a child JVM runs in: the command line, and the links that show its class path without a bind per jar. Internal: not part of the API.
 */
package dev.isolate4j.internal.sandbox;
