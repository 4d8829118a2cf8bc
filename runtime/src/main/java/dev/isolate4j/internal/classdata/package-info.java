/**
 * Class-data-sharing archives that let child JVMs start faster: recorded by a first child, dumped
 * by a process of their own that needs no host, mapped by the later ones. Internal: not part of the
 * API.
 */
package dev.isolate4j.internal.classdata;
