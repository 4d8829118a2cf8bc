package dev.isolate4j.examples.host;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.ProxiedSingletons;
import dev.isolate4j.examples.api.Report;
import dev.isolate4j.examples.api.TextPlugin;
import dev.isolate4j.examples.api.VisitLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads three extensions into three child JVMs: one on Guava 19 and one on Guava 33, each on a
 * class path of its own resolved with Maven, and a plain one on the host's class path. Calls them
 * blocking and asynchronously with a callback, lets all use one host singleton, and stops them,
 * printing what happens.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) throws Exception {
        Path extensions = Path.of(args.length > 0 ? args[0] : "examples/demo-host/target/extensions");
        String version = args.length > 1 ? args[1] : "0.1.0-SNAPSHOT";
        String api = "dev.isolate4j:isolate4j-example-demo-api:" + version;
        AtomicLong visits = new AtomicLong();
        ProxiedSingletons.register(VisitLog.class, plugin -> visits.incrementAndGet());
        System.out.println("host pid " + ProcessHandle.current().pid());

        ExtensionManagerConfig config = ExtensionManagerConfig.builder()
                .envRootPath(Files.createTempDirectory("isolate4j-demo"))
                .build();
        try (ExtensionManager<TextPlugin> manager = new ExtensionManager<>(TextPlugin.class, config)) {
            load(
                    manager,
                    base("guava-19", extensions.resolve("guava19.jar"))
                            .isolated(true)
                            .dependencies("com.google.guava:guava:19.0", api)
                            .build());
            load(
                    manager,
                    base("guava-33", extensions.resolve("guava33.jar"))
                            .isolated(true)
                            .dependencies("com.google.guava:guava:33.0.0-jre", api)
                            .build());
            load(manager, base("shouting", extensions.resolve("shouting.jar")).build());

            manager.extensions()
                    .forEach((name, plugin) -> System.out.printf(
                            "%-9s transform(\"isolate4j runs plugins\") = %s%n",
                            name, plugin.transform("isolate4j runs plugins")));
            for (TextPlugin plugin : manager.extensions().values()) {
                Report report = plugin.transformAll(
                                List.of("one JVM each", "own class path"),
                                (name, done, total) ->
                                        System.out.printf("  callback: %s finished %d of %d%n", name, done, total))
                        .get(30, TimeUnit.SECONDS);
                System.out.printf("%-9s transformAll -> %s%n", report.plugin(), report.lines());
            }
            System.out.println("visits counted by the host's one VisitLog: " + visits.get());
            long pid = manager.handle("shouting").pid();
            manager.stopExtension("shouting");
            System.out.printf(
                    "stopped shouting: pid %d alive=%s; still loaded: %s%n",
                    pid,
                    ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    manager.extensions().keySet());
        }
        System.out.println("closed the manager: every extension stopped");
    }

    private static ExtensionConfig.Builder base(String name, Path jar) {
        return ExtensionConfig.builder(name).modulePath(jar).apis(VisitLog.class);
    }

    private static void load(ExtensionManager<TextPlugin> manager, ExtensionConfig config) {
        long start = System.nanoTime();
        TextPlugin plugin = manager.loadExtension(config);
        System.out.printf(
                "loaded %-9s %-8s %s, Guava: %s, in %d ms%n",
                config.name(),
                config.isolated() ? "isolated" : "shared",
                plugin.whereAmI(),
                plugin.guavaJar(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
}
