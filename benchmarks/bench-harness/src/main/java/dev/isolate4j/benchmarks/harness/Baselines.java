package dev.isolate4j.benchmarks.harness;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;

/** The baselines, each against a server in a JVM of its own. */
final class Baselines {
    private static final int SMALL = 64;

    private Baselines() {}

    /** What one contender measured; NaN where it has no such figure. */
    static class Figures {
        double startColdMillis = Double.NaN;
        double startWarmMillis = Double.NaN;
        double idleRssMiB = Double.NaN;
        Stats small;
        double callsPerSecond = Double.NaN;
        double doubleArrayMillis = Double.NaN;
        double doubleListMillis = Double.NaN;
        double bigMBps = Double.NaN;
        /** The child's RSS right after the call rows, and after {@code idleAfterWorkSeconds} more. */
        double rssAfterWorkMiB = Double.NaN;

        double rssIdleAfterWorkMiB = Double.NaN;
        /** Where the pages of {@link #rssIdleAfterWorkMiB} are, read at the same moment; null if unreadable. */
        Resident residentIdleAfterWork;

        /** Both RSS figures of a child that just did the call rows: what a host lives through. */
        void afterWork(Settings settings, long pid) throws InterruptedException {
            rssAfterWorkMiB = ChildJvm.rssMiB(pid);
            // Named so that a look at the idle child (smaps, jcmd) can find it while it waits.
            System.err.println("[bench] child " + pid + " idle for " + settings.idleAfterWorkSeconds() + " s");
            Thread.sleep((long) (settings.idleAfterWorkSeconds() * 1000));
            rssIdleAfterWorkMiB = ChildJvm.rssMiB(pid);
            residentIdleAfterWork = Resident.of(pid);
        }
    }

    /** Raw sockets: {@code jdk} (the JDK's own channels) or {@code jnr} (jnr-unixsocket), both ends. */
    static Figures socket(String kind, Settings settings, Path dir) throws Exception {
        Figures figures = new Figures();
        if (!settings.callsOnly()) {
            starts(kind, figures, settings, dir);
        }

        Path socket = dir.resolve(kind + ".sock");
        ChildJvm server = ChildJvm.start(EchoServer.class, kind, socket.toString());
        try (server) {
            Wire.Client client = connect(kind, socket);
            for (int i = 0; i < settings.smallWarmup(); i++) {
                client.call(SMALL, SMALL);
            }
            long[] nanos = new long[settings.smallCalls()];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                client.call(SMALL, SMALL);
                nanos[i] = System.nanoTime() - start;
            }
            figures.small = Stats.of(nanos);

            writerAndReader(client, settings.inFlight(), settings.throughputWarmupSeconds());
            figures.callsPerSecond = writerAndReader(client, settings.inFlight(), settings.throughputSeconds());

            // 100,000 doubles as raw bytes there, one double back: what double[] costs at best.
            int doubleBytes = settings.doubles() * Double.BYTES;
            Harness.warmUp(settings.doublesWarmupSeconds(), () -> {
                client.call(doubleBytes, Double.BYTES);
                return null;
            });
            long start = System.nanoTime();
            for (int i = 0; i < settings.doublesCalls(); i++) {
                client.call(doubleBytes, Double.BYTES);
            }
            figures.doubleArrayMillis = (System.nanoTime() - start) / 1e6 / settings.doublesCalls();

            int bigCalls = kind.equals("jnr") ? settings.jnrBigCalls() : settings.bigCalls();
            int bigWarmup = kind.equals("jnr") ? 0 : settings.bigWarmup();
            for (int i = 0; i < bigWarmup; i++) {
                client.call(settings.bigBytes(), settings.bigBytes());
            }
            start = System.nanoTime();
            for (int i = 0; i < bigCalls; i++) {
                client.call(settings.bigBytes(), settings.bigBytes());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            figures.bigMBps = (double) settings.bigBytes() * bigCalls / 1e6 / seconds;
            if (kind.equals("jdk") && !settings.callsOnly()) {
                figures.afterWork(settings, server.pid());
            }
            client.close();
        }
        return figures;
    }

    /** Cold and warm starts of the echo server, and the RSS of one that did nothing. */
    private static void starts(String kind, Figures figures, Settings settings, Path dir) throws Exception {
        double[] starts = new double[settings.baselineStarts()];
        for (int i = 0; i < starts.length; i++) {
            Path socket = dir.resolve(kind + "-start-" + i + ".sock");
            try (ChildJvm server = ChildJvm.start(EchoServer.class, kind, socket.toString())) {
                Wire.Client client = connect(kind, socket);
                client.call(SMALL, SMALL); // start: from launching the JVM to the first reply
                starts[i] = server.millisSinceStart();
                if (i == 0) {
                    Thread.sleep(500);
                    figures.idleRssMiB = ChildJvm.rssMiB(server.pid());
                }
                client.close();
            }
        }
        figures.startColdMillis = starts[0];
        figures.startWarmMillis = Stats.median(Arrays.copyOfRange(starts, 1, starts.length));
    }

    /**
     * Messages per second with {@code inFlight} always outstanding: this thread writes a message
     * whenever one of the {@code inFlight} slots is free, another thread reads the replies and frees
     * their slots. It is what isolate4j's calls in flight do (the caller writes, the connection's
     * reading thread completes), without a protocol: the bound a raw socket sets.
     */
    static double writerAndReader(Wire.Client client, int inFlight, double seconds) throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService readerThread = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long sent = 0;
        long received;
        try {
            Future<Long> reading = readerThread.submit(() -> {
                long count = 0;
                try {
                    while (System.nanoTime() - end < 0) {
                        client.receive(SMALL);
                        count++;
                        slots.release();
                    }
                    return count;
                } finally {
                    stop.set(true);
                    slots.release(inFlight); // wakes the writer, whichever slot it waits for
                }
            });
            while (!stop.get()) {
                slots.acquire();
                if (stop.get()) {
                    break;
                }
                client.send(SMALL, SMALL);
                sent++;
            }
            received = reading.get();
        } finally {
            readerThread.shutdownNow();
        }
        double rate = received / ((System.nanoTime() - start) / 1e9);
        for (long i = received; i < sent; i++) {
            client.receive(SMALL); // the replies still on their way, so that the next row starts clean
        }
        return rate;
    }

    private static Wire.Client connect(String kind, Path socket) throws IOException {
        ByteChannel channel;
        if (kind.equals("jdk")) {
            SocketChannel jdk = SocketChannel.open(StandardProtocolFamily.UNIX);
            jdk.connect(UnixDomainSocketAddress.of(socket));
            channel = jdk;
        } else {
            channel = UnixSocketChannel.open(new UnixSocketAddress(socket.toFile()));
        }
        return new Wire.Client(channel);
    }

    /** Java RMI over loopback TCP: a String round trip, the same double and byte[] calls. */
    static Figures rmi(Settings settings) throws Exception {
        Figures figures = new Figures();
        double[] starts = new double[settings.callsOnly() ? 0 : settings.baselineStarts()];
        for (int i = 0; i < starts.length; i++) {
            long start = System.nanoTime();
            try (ChildJvm server = ChildJvm.start(RmiServer.class)) {
                RmiService service = RmiServer.decodeStub(server.readyPayload());
                service.echo("x");
                starts[i] = (System.nanoTime() - start) / 1e6;
                if (i == 0) {
                    Thread.sleep(500);
                    figures.idleRssMiB = ChildJvm.rssMiB(server.pid());
                }
            }
        }
        if (starts.length > 1) {
            figures.startColdMillis = starts[0];
            figures.startWarmMillis = Stats.median(Arrays.copyOfRange(starts, 1, starts.length));
        }

        try (ChildJvm server = ChildJvm.start(RmiServer.class)) {
            RmiService service = RmiServer.decodeStub(server.readyPayload());
            threads(service, settings.inFlight(), settings.throughputWarmupSeconds());
            figures.callsPerSecond = threads(service, settings.inFlight(), settings.throughputSeconds());
            CallRows.measure(figures, settings, new CallRows.Service() {
                @Override
                public String echo(String value) throws Exception {
                    return service.echo(value);
                }

                @Override
                public double mean(double[] values) throws Exception {
                    return service.mean(values);
                }

                @Override
                public double meanOfList(List<Double> values) throws Exception {
                    return service.meanOfList(values);
                }

                @Override
                public byte[] echoBytes(byte[] bytes) throws Exception {
                    return service.echoBytes(bytes);
                }
            });
        }
        return figures;
    }

    /** Calls per second from {@code threads} threads calling in a loop: RMI has no asynchronous calls. */
    private static double threads(RmiService service, int threads, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        service.echo(Harness.SMALL_STRING);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }
}
