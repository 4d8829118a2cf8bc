package com.example;

import dev.isolate4j.annotations.Callee;
import dev.isolate4j.annotations.LocalExecution;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The golden sample: one of each kind of method the processor handles. */
@Callee
public interface Greeter {
    /** Blocking, with a result. */
    String greet(String name);

    /** Blocking, void. */
    void ping();

    /** Blocking, primitive. */
    int add(int a, int b);

    /** Asynchronous, CompletableFuture. */
    CompletableFuture<String> greetAsync(String name);

    /** Asynchronous, CompletionStage of Void. */
    CompletionStage<Void> shutdown();

    /** Generic collection parameter and result. */
    List<String> greetAll(List<String> names);

    /** Record parameters. */
    double distance(Point from, Point to);

    /** An overload of greet, with a checked exception. */
    String greet(String name, int times) throws IOException;

    /**
     * A list of records, a map of lists. Not an array of records: arrays of application types
     * cannot be serialized.
     */
    Map<String, List<Point>> index(List<Point> points);

    /** Runs in the caller: never forwarded. */
    @LocalExecution
    default String greetTwice(String name) {
        return greet(name) + " " + greet(name);
    }
}
