package dev.isolate4j.benchmarks.api;

/** A small record, as a token stream from a model would carry. */
public record Token(int index, String text) {}
