package dev.isolate4j.processor.roundtrip;

import dev.isolate4j.annotations.Callee;
import dev.isolate4j.annotations.LocalExecution;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Compiled by Maven with the processor, so that its generated classes can be run in tests. */
@Callee
public interface Calculator extends Named {
    int add(int a, int b);

    long add(long a, long b);

    void reset();

    String describe(Reading reading);

    List<Reading> readings(List<String> names);

    CompletableFuture<Integer> addAsync(int a, int b);

    CompletionStage<String> nameLater();

    double divide(double a, double b) throws CalculationException;

    /** Runs in the caller: two remote calls of add(int, int). */
    @LocalExecution
    default int addThree(int a, int b, int c) {
        return add(add(a, b), c);
    }

    /** A value crossing the boundary. */
    record Reading(String name, double value) {}

    /** A checked exception the remote side throws. */
    final class CalculationException extends Exception {
        private static final long serialVersionUID = 1L;

        public CalculationException(String message) {
            super(message);
        }
    }
}
