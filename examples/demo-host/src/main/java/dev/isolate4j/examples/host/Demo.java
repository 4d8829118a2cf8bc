package dev.isolate4j.examples.host;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.PluginLoad;
import dev.isolate4j.PluginPolicy;
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
 * Loads three extensions into three child JVMs: two from a plugin directory, each described by the
 * descriptor in its jar (one on Guava 19, on the class path its jar's POM gives, one plain on the
 * host's class path), and one on Guava 33 by its Maven coordinates. Calls them blocking and
 * asynchronously with a callback, lets all use one host singleton, and stops them, printing what
 * happens.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(args.length > 0 ? args[0] : "examples/demo-host/target/plugins");
        String version = args.length > 1 ? args[1] : "0.1.0-SNAPSHOT";
        AtomicLong visits = new AtomicLong();
        ProxiedSingletons.register(VisitLog.class, plugin -> visits.incrementAndGet());
        System.out.println("host pid " + ProcessHandle.current().pid());

        ExtensionManagerConfig.Builder config =
                ExtensionManagerConfig.builder().envRootPath(Files.createTempDirectory("isolate4j-demo"));
        if (args.length > 2) {
            config.localRepository(Path.of(args[2])); // where the build installed the extensions
        }
        try (ExtensionManager<TextPlugin> manager = new ExtensionManager<>(TextPlugin.class, config.build())) {
            long start = System.nanoTime();
            PluginPolicy policy =
                    PluginPolicy.builder().apis(VisitLog.class).maxHeap("256m").build();
            List<PluginLoad<TextPlugin>> loads = manager.loadPlugins(plugins, policy);
            System.out.printf(
                    "plugin directory %s: %d jars in %d ms%n",
                    plugins.getFileName(), loads.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            for (PluginLoad<TextPlugin> load : loads) {
                if (load.loaded()) {
                    describe(load.jar().getFileName() + ": " + load.name(), load.extension());
                } else {
                    System.out.println("refused " + load.jar().getFileName() + ": " + load.refusal());
                }
            }
            start = System.nanoTime();
            String guava33 = "dev.isolate4j:isolate4j-example-guava33-extension:" + version;
            TextPlugin byCoordinates = manager.loadExtension(ExtensionConfig.builder("guava-33")
                    .artifact(guava33)
                    .apis(VisitLog.class)
                    .build());
            describe(guava33 + ": guava-33", byCoordinates);
            System.out.printf(
                    "  (resolved and started in %d ms)%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

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

    private static void describe(String source, TextPlugin plugin) {
        System.out.printf("loaded %s, %s, Guava: %s%n", source, plugin.whereAmI(), plugin.guavaJar());
    }
}
