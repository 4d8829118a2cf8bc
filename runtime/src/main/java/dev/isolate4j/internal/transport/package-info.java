/**
 * The private Unix domain socket between host and child: its directory, its buffers, the
 * authenticated accept of the child's connection, and its reads and writes, which no interrupt can
 * end. Internal: not part of the API.
 */
package dev.isolate4j.internal.transport;
