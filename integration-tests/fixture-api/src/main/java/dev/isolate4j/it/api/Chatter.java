package dev.isolate4j.it.api;

import dev.isolate4j.annotations.Callee;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the RPC tests need of the fixture extension beyond the basics; registered as callee "chatter". */
@Callee
public interface Chatter {
    long add(long a, long b);

    /** Goes {@code depth} levels deep through the host's Bouncer, blocking all the way. */
    int bounce(int depth);

    CompletableFuture<Integer> bounceAsync(int depth);

    /** Reports each step to {@code listener}, in the host, while the call runs. */
    String work(int steps, ProgressListener listener);

    /** Calls the host's callee registered under {@code id}. */
    long callHostService(String id, long value);

    /** Increments the host's HostCounter {@code times} times; returns the last value seen. */
    long incrementCounter(int times);

    void emit(String eventName, String payload, int count);

    /** A future that never completes on its own; its cancellation is recorded. */
    CompletableFuture<String> waitForCancel(String key);

    /** Sleeps until interrupted; the interruption is recorded. */
    void blockUntilInterrupted(String key);

    /** What the extension saw: starts, cancellations and interruptions. */
    List<String> observed();

    void throwChecked(String message) throws IOException;

    void throwWithCause();

    void print(String stream, String text);

    /** Prints {@code lines} lines of {@code width} characters to stdout, as fast as it can. */
    void flood(int lines, int width);

    void halt(int status);

    void collectGarbage();

    String systemProperty(String name);

    /** Reads a file; its content, or the exception's class name and message. */
    String tryRead(String path);

    /** Writes a file; "written", or the exception's class name and message. */
    String tryWrite(String path, String text);

    /** Opens a TCP connection; "connected", or the exception's class name and message. */
    String tryConnect(String host, int port);

    /** Whether the extension's class loader can load {@code className}. */
    boolean canLoad(String className);

    String environmentVariable(String name);
}
