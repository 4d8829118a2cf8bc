/**
 * The private Unix domain socket between host and child: its directory, its buffers, and the authenticated accept of the child's connection. Internal: not part of the API.
 */
package dev.isolate4j.internal.transport;
