package dev.isolate4j.it.extension;

import com.google.auto.service.AutoService;
import dev.isolate4j.ExtensionBase;
import dev.isolate4j.ExtensionModule;
import dev.isolate4j.ProxiedSingletons;
import dev.isolate4j.it.api.Clock;
import dev.isolate4j.it.api.HostCounter;
import dev.isolate4j.it.api.Measurement;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The extension the integration tests load from its jar. */
@AutoService(ExtensionBase.class)
public final class FixtureExtension extends ExtensionBase implements TestExtension {
    private final List<String> lifecycle = new ArrayList<>();
    private final List<byte[]> hoard = new ArrayList<>();
    private final List<ByteBuffer> nativeHoard = new ArrayList<>();

    public FixtureExtension() {
        lifecycle.add("constructor");
    }

    @Override
    protected void beforeModuleLoaded() {
        lifecycle.add("beforeModuleLoaded");
    }

    @Override
    protected void onModuleLoaded(ExtensionModule module) {
        lifecycle.add("onModuleLoaded:" + module.name() + ":"
                + module.extensionClass().getSimpleName());
        AtomicLong ticks = new AtomicLong();
        registerCallee((Clock) ticks::incrementAndGet, "clock");
        registerCallee(new FixtureChatter(this), "chatter");
        registerCallee(new FixtureBufferWorker(), "buffers");
        registerCallee(new FixtureShapes(), "shapes");
        registerCallee(new FixtureExceptionShapes(), "exception-shapes");
        registerCallee(new FixtureStreamWorker(), "streams");
        registerCallee(new FixtureInterceptor(), "intercepted");
        if (openTelemetryPresent()) {
            registerCallee(new FixtureTraced(), "traced");
        }
        if (present("org.slf4j.LoggerFactory")) {
            registerCallee(new FixtureLogs(), "logs");
        }
        if (System.getenv("FIXTURE_FAIL_ON_LOAD") != null) {
            throw new IllegalStateException("refusing to load: " + System.getenv("FIXTURE_FAIL_ON_LOAD"));
        }
        String sleepMarker = System.getenv("FIXTURE_SLEEP_ON_LOAD");
        if (sleepMarker != null) {
            sleepDeafly(Path.of(sleepMarker));
        }
        if (System.getenv("FIXTURE_USE_COUNTER") != null) {
            lifecycle.add("counter:" + ProxiedSingletons.get(HostCounter.class).incrementAndGet());
        }
    }

    /** Announces itself in {@code marker}, then sleeps a minute through interruptions and a dead host. */
    private static void sleepDeafly(Path marker) {
        try {
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // deaf on purpose: only the end of stdin may end this process
            }
        }
    }

    @Override
    public CompletableFuture<Void> stop() {
        String marker = System.getenv("FIXTURE_STOP_MARKER");
        if (marker != null) {
            try {
                Files.writeString(Path.of(marker), "stopped in " + pid());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return super.stop();
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public CompletableFuture<Long> pidAsync() {
        return CompletableFuture.supplyAsync(this::pid);
    }

    @Override
    public String echo(String text) {
        return text;
    }

    @Override
    public CompletionStage<String> echoLater(String text, long delayMillis) {
        return CompletableFuture.supplyAsync(
                () -> text, CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
    }

    @Override
    public List<String> lifecycle() {
        return List.copyOf(lifecycle);
    }

    @Override
    public List<String> commandLine() {
        List<String> all = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        ProcessHandle.current().info().arguments().ifPresent(args -> all.addAll(List.of(args)));
        return all;
    }

    @Override
    public Measurement measure(List<Double> values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return new Measurement(values.size(), values.isEmpty() ? 0 : sum / values.size(), Measurement.Unit.METRES);
    }

    @Override
    public synchronized int hoard(int megabytes) {
        for (int i = 0; i < megabytes; i++) {
            hoard.add(new byte[1 << 20]);
        }
        return hoard.size();
    }

    @Override
    public synchronized int hoardNative(int megabytes) {
        for (int i = 0; i < megabytes; i++) {
            nativeHoard.add(ByteBuffer.allocateDirect(1 << 20)); // zeroed: every page is touched
        }
        return nativeHoard.size();
    }

    @Override
    public int length(String text) {
        return text.length();
    }

    @Override
    public byte[] shifted(byte[] bytes, int delta) {
        byte[] shifted = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            shifted[i] = (byte) (bytes[i] + delta);
        }
        return shifted;
    }

    @Override
    public void fail(String message) {
        throw new IllegalArgumentException(message);
    }

    /** The shared child sees the host's class path, where the tracing tests put the API; an isolated one does not. */
    private static boolean openTelemetryPresent() {
        return present("io.opentelemetry.api.trace.Span");
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, FixtureExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
