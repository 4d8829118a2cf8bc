package dev.isolate4j.examples.api;

import java.util.List;

/** The result of a batch transformation: an application record, serialized with Fory. */
public record Report(String plugin, List<String> lines, long visitsSoFar) {}
