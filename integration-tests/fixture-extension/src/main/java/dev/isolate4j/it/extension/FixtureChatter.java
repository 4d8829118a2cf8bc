package dev.isolate4j.it.extension;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.ProxiedSingletons;
import dev.isolate4j.it.api.Bouncer;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.HostCounter;
import dev.isolate4j.it.api.HostService;
import dev.isolate4j.it.api.ProgressListener;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The fixture's Chatter: everything the RPC tests exercise, inside the extension's process. */
final class FixtureChatter implements Chatter {
    private final ExtensionBase extension;
    private final List<String> observed = new CopyOnWriteArrayList<>();

    FixtureChatter(ExtensionBase extension) {
        this.extension = extension;
    }

    @Override
    public long add(long a, long b) {
        return a + b;
    }

    @Override
    public int bounce(int depth) {
        return depth == 0 ? 0 : ProxiedSingletons.get(Bouncer.class).bounce(depth - 1) + 1;
    }

    @Override
    public CompletableFuture<Integer> bounceAsync(int depth) {
        if (depth == 0) {
            return CompletableFuture.completedFuture(0);
        }
        return ProxiedSingletons.get(Bouncer.class).bounceAsync(depth - 1).thenApply(n -> n + 1);
    }

    @Override
    public String work(int steps, ProgressListener listener) {
        for (int step = 1; step <= steps; step++) {
            listener.progress(step);
        }
        return "worked " + steps + " steps";
    }

    @Override
    public long callHostService(String id, long value) {
        return extension.createCaller(HostService.class, id).twice(value);
    }

    @Override
    public long incrementCounter(int times) {
        HostCounter counter = ProxiedSingletons.get(HostCounter.class);
        long last = 0;
        for (int i = 0; i < times; i++) {
            last = counter.incrementAndGet();
        }
        return last;
    }

    @Override
    public void emit(String eventName, String payload, int count) {
        for (int i = 0; i < count; i++) {
            extension.emitEvent(eventName, payload + ":" + i);
        }
    }

    @Override
    public CompletableFuture<String> waitForCancel(String key) {
        observed.add("started:" + key);
        CompletableFuture<String> never = new CompletableFuture<>();
        never.whenComplete((value, error) -> {
            if (never.isCancelled()) {
                observed.add("cancelled:" + key);
            }
        });
        return never;
    }

    @Override
    public void blockUntilInterrupted(String key) {
        observed.add("started:" + key);
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            observed.add("interrupted:" + key);
        }
    }

    @Override
    public List<String> observed() {
        return List.copyOf(observed);
    }

    @Override
    public void throwChecked(String message) throws FileNotFoundException {
        throw new FileNotFoundException(message);
    }

    @Override
    public void throwWithCause() {
        throw new IllegalStateException("outer", new IllegalArgumentException("inner"));
    }

    @Override
    public void print(String stream, String text) {
        (stream.equals("stderr") ? System.err : System.out).println(text);
    }

    @Override
    public void flood(int lines, int width) {
        String line = "x".repeat(width);
        for (int i = 0; i < lines; i++) {
            System.out.println(line);
        }
        System.out.flush();
    }

    @Override
    public void halt(int status) {
        Runtime.getRuntime().halt(status);
    }

    @Override
    public void collectGarbage() {
        System.gc();
    }

    @Override
    public String systemProperty(String name) {
        return System.getProperty(name);
    }

    @Override
    public String tryRead(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @Override
    public String tryWrite(String path, String text) {
        try {
            Files.writeString(Path.of(path), text);
            return "written";
        } catch (IOException | RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @Override
    public String tryConnect(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            return "connected";
        } catch (IOException | RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @Override
    public boolean canLoad(String className) {
        try {
            Class.forName(className, false, FixtureChatter.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public String environmentVariable(String name) {
        return System.getenv(name);
    }
}
