package dev.isolate4j.examples.host;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
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
 * Loads two extensions into child JVMs, calls them blocking and asynchronously, lets both use one
 * host singleton, and stops them, printing what happens.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) throws Exception {
        Path extensions = Path.of(args.length > 0 ? args[0] : "examples/demo-host/target/extensions");
        AtomicLong visits = new AtomicLong();
        ProxiedSingletons.register(VisitLog.class, plugin -> visits.incrementAndGet());
        System.out.println("host pid " + ProcessHandle.current().pid());

        Path envRoot = Files.createTempDirectory("isolate4j-demo");
        ExtensionManagerConfig config =
                ExtensionManagerConfig.builder().envRootPath(envRoot).build();
        try (ExtensionManager<TextPlugin> manager = new ExtensionManager<>(TextPlugin.class, config)) {
            for (String name : List.of("shouting", "mirror")) {
                long start = System.nanoTime();
                TextPlugin plugin = manager.loadExtension(ExtensionConfig.builder(name)
                        .modulePath(extensions.resolve(name + ".jar"))
                        .apis(VisitLog.class)
                        .build());
                System.out.printf(
                        "loaded %-8s in its own JVM, %s, in %d ms%n",
                        name, plugin.whereAmI(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            manager.extensions()
                    .forEach((name, plugin) -> System.out.printf(
                            "%-8s transform(\"isolate4j\") = %s%n", name, plugin.transform("isolate4j")));
            for (TextPlugin plugin : manager.extensions().values()) {
                Report report = plugin.transformAll(List.of("one JVM each", "own class path"))
                        .get(30, TimeUnit.SECONDS);
                System.out.printf(
                        "%-8s transformAll -> %s (host singleton counted %d visits so far)%n",
                        report.plugin(), report.lines(), report.visitsSoFar());
            }
            System.out.println("visits recorded by the host's VisitLog: " + visits.get());
            ExtensionHandle mirror = manager.handle("mirror");
            long pid = mirror.pid();
            mirror.stop().get(10, TimeUnit.SECONDS);
            System.out.printf(
                    "stopped mirror: pid %d alive=%s; still loaded: %s%n",
                    pid,
                    ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    manager.extensions().keySet());
        }
        System.out.println("closed the manager: every extension stopped");
    }
}
