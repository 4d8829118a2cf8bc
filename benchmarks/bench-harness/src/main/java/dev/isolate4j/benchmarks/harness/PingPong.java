package dev.isolate4j.benchmarks.harness;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.benchmarks.api.BenchService;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The small-call rows alone, interleaved with the raw socket's in rounds, so that a change in the
 * machine's load moves both alike: {@code PingPong <bench-extension.jar> [rounds] [calls per round]}.
 * A tool for working on the call path; the harness is the measure.
 *
 * <p>{@code PingPong <bench-extension.jar> breakdown}, in a JVM started with {@code
 * -Disolate4j.callTiming=true}, prints where a small call's time goes ({@link Breakdown}), beside the
 * raw socket's ping-pong measured just before and after. {@code PingPong <bench-extension.jar> big}
 * times 64 MiB round trips beside the raw socket's and counts the page faults each side takes.
 */
public final class PingPong {
    private PingPong() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        boolean breakdown = args.length > 1 && args[1].equals("breakdown");
        boolean lists = args.length > 1 && args[1].equals("lists");
        boolean inFlightOnly = args.length > 1 && args[1].equals("inflight");
        boolean big = args.length > 1 && args[1].equals("big");
        int rounds = args.length > 1 && !breakdown && !lists && !inFlightOnly && !big ? Integer.parseInt(args[1]) : 5;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        Path work = Files.createTempDirectory("isolate4j-pingpong");
        Path socket = work.resolve("raw.sock");
        ExtensionManagerConfig config = ExtensionManagerConfig.builder()
                .envRootPath(work.resolve("env"))
                .build();
        ChildJvm server = ChildJvm.start(EchoServer.class, "jdk", socket.toString());
        try (server;
                ExtensionManager<BenchService> manager = new ExtensionManager<>(BenchService.class, config)) {
            BenchService service = manager.loadExtension(ExtensionConfig.builder("bench")
                    .modulePath(jar)
                    .javaHome(Harness.childJavaHome())
                    .jvmArgs(childArgs(breakdown))
                    .build());
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            Wire.Client raw = new Wire.Client(channel);
            String text = Harness.SMALL_STRING;
            if (breakdown) {
                breakdown(service, raw);
                rounds = 0;
            }
            if (lists) {
                lists(service);
                rounds = 0;
            }
            if (big) {
                big(service, raw, manager.handle("bench").pid());
                rounds = 0;
            }
            if (inFlightOnly) {
                for (int round = 0; round < 6; round++) {
                    double rawInFlight = Baselines.writerAndReader(raw, 64, 2);
                    double inFlight = Isolate4jBench.inFlight(service, 64, 2);
                    System.out.printf(
                            Locale.ROOT,
                            "in flight: raw %,.0f/s, isolate4j %,.0f/s (%.2fx)%n",
                            rawInFlight,
                            inFlight,
                            inFlight / rawInFlight);
                }
                rounds = 0;
            }
            for (int round = 0; round <= rounds; round++) {
                int n = round == 0 ? Math.max(calls, 20_000) : calls; // round 0 warms up
                Stats rawStats = time(n, () -> {
                    raw.call(64, 64);
                    return null;
                });
                Stats blocking = time(n, () -> service.echo(text));
                Stats async = time(n, () -> service.echoAsync(1).join());
                double rawInFlight = Baselines.writerAndReader(raw, 64, 1);
                double inFlight = Isolate4jBench.inFlight(service, 64, 1);
                if (round > 0) {
                    System.out.printf(
                            Locale.ROOT,
                            "round %d  in flight: raw %,.0f/s, isolate4j %,.0f/s (%.2fx)%n",
                            round,
                            rawInFlight,
                            inFlight,
                            inFlight / rawInFlight);
                    System.out.printf(
                            Locale.ROOT,
                            "round %d  raw p50 %6.1f p99 %6.1f | blocking p50 %6.1f p99 %6.1f (%.2fx) | async p50 %6.1f"
                                    + " p99 %6.1f (%.2fx)   load %s%n",
                            round,
                            rawStats.p50Micros(),
                            rawStats.p99Micros(),
                            blocking.p50Micros(),
                            blocking.p99Micros(),
                            blocking.p50Micros() / rawStats.p50Micros(),
                            async.p50Micros(),
                            async.p99Micros(),
                            async.p50Micros() / rawStats.p50Micros(),
                            Files.readString(Path.of("/proc/loadavg")).trim());
                }
            }
            channel.close();
        }
        System.exit(0);
    }

    /** The child's JVM options: the stage stamps for a breakdown, and those of {@code pingpong.childArgs}. */
    private static List<String> childArgs(boolean breakdown) {
        List<String> args = new java.util.ArrayList<>();
        if (breakdown) {
            args.add("-Disolate4j.callTiming=true");
        }
        String extra = System.getProperty("pingpong.childArgs", "");
        if (!extra.isBlank()) {
            args.addAll(List.of(extra.trim().split("\\s+")));
        }
        return args;
    }

    /**
     * The 64 MiB round trip in rounds alternating with the raw socket's, with the page faults each
     * side of isolate4j takes per round trip: where the large-array row's time goes. With {@code
     * -Dpingpong.bigAlone=true}, isolate4j's round trips alone: the raw socket's client keeps two 64
     * MiB heap buffers live in this JVM, which change how its collector treats isolate4j's results.
     */
    private static void big(BenchService service, Wire.Client raw, long childPid) throws Exception {
        byte[] bytes = new byte[64 << 20];
        // Without the raw socket, whose client keeps two 64 MiB heap buffers live in this JVM.
        boolean withRaw = !Boolean.getBoolean("pingpong.bigAlone");
        for (int i = 0; i < 3; i++) {
            service.echoBytes(bytes);
            if (withRaw) {
                raw.call(bytes.length, bytes.length);
            }
        }
        int perRound = 4;
        int rounds = Integer.getInteger("pingpong.bigRounds", 8);
        for (int round = 0; round < rounds; round++) {
            long hostFaults = ChildJvm.minorFaults(ProcessHandle.current().pid());
            long childFaults = ChildJvm.minorFaults(childPid);
            long start = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                service.echoBytes(bytes);
            }
            long mine = System.nanoTime() - start;
            hostFaults = ChildJvm.minorFaults(ProcessHandle.current().pid()) - hostFaults;
            childFaults = ChildJvm.minorFaults(childPid) - childFaults;
            start = System.nanoTime();
            for (int i = 0; i < perRound && withRaw; i++) {
                raw.call(bytes.length, bytes.length);
            }
            long theirs = System.nanoTime() - start;
            double mineMBps = (double) bytes.length * perRound / 1e6 / (mine / 1e9);
            String rawFigure = withRaw
                    ? String.format(
                            Locale.ROOT,
                            "raw %,.0f MB/s (%.2fx)",
                            (double) bytes.length * perRound / 1e6 / (theirs / 1e9),
                            (double) theirs / mine)
                    : "raw not measured";
            System.out.printf(
                    Locale.ROOT,
                    "64 MiB: isolate4j %,.0f MB/s, %s; page faults per round trip: host %,d, child %,d%n",
                    mineMBps,
                    rawFigure,
                    hostFaults / perRound,
                    childFaults / perRound);
        }
    }

    /** The mean of 100,000 doubles in the kinds of list a host may pass, on this JDK. */
    private static void lists(BenchService service) throws Exception {
        double[] values = Harness.doubles(100_000);
        List<Double> arrayList = Harness.boxed(values);
        List<Double> unmodifiable = Arrays.stream(values).boxed().toList();
        List<Double> asList = Arrays.asList(Arrays.stream(values).boxed().toArray(Double[]::new));
        for (int round = 0; round < 3; round++) {
            System.out.printf(
                    Locale.ROOT,
                    "java %s: double[] %.2f ms, ArrayList %.2f ms, toList() %.2f ms, Arrays.asList %.2f ms%n",
                    System.getProperty("java.version"),
                    Harness.millisPerCallWarmedFor(1, 200, () -> service.mean(values)),
                    Harness.millisPerCallWarmedFor(1, 200, () -> service.meanOfList(arrayList)),
                    Harness.millisPerCallWarmedFor(1, 200, () -> service.meanOfList(unmodifiable)),
                    Harness.millisPerCallWarmedFor(1, 200, () -> service.meanOfList(asList)));
        }
    }

    private static void breakdown(BenchService service, Wire.Client raw) throws Exception {
        Harness.Call rawCall = () -> {
            raw.call(64, 64);
            return null;
        };
        time(20_000, rawCall);
        Stats before = time(10_000, rawCall);
        System.out.printf(
                Locale.ROOT,
                "%nwhere a small blocking call's time goes (median of 20,000 calls, µs; host %s, children on %s;"
                        + " load %s)%n",
                System.getProperty("java.version"),
                Harness.childJavaHome(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("| stage | µs |");
        System.out.println("|---|---|");
        Breakdown.measure(service, 20_000, 20_000, System.out);
        Stats after = time(10_000, rawCall);
        System.out.printf(
                Locale.ROOT,
                "| raw JDK socket ping-pong p50, before / after | %.2f / %.2f |%n",
                before.p50Micros(),
                after.p50Micros());
    }

    private static Stats time(int n, Harness.Call call) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        return Stats.of(nanos);
    }
}
