package dev.isolate4j.it.host;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.ProxiedSingletons;
import dev.isolate4j.it.api.TestExtension;
import dev.isolate4j.it.host.api.Greeting;
import dev.isolate4j.it.host.hidden.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Run as {@code java -p <modules> -m dev.isolate4j.it.host/dev.isolate4j.it.host.ModularHost <extension
 * jar> <envRoot> <repository URL> <local repository>}: registers its singletons, loads the fixture
 * extension shared (on the host's modules as its class path) and isolated (resolved from the
 * repository), calls both and prints one line per step.
 */
public final class ModularHost {
    private ModularHost() {}

    public static void main(String[] args) {
        if (args.length != 4) {
            throw new IllegalArgumentException(
                    "usage: ModularHost <extension jar> <envRoot> <repository URL> <local repository>");
        }
        Path jar = Path.of(args[0]);
        print("RUNTIME " + ExtensionManager.class.getModule().getName());
        print("MAVEN "
                + ModuleLayer.boot().modules().stream()
                        .map(Module::getName)
                        .filter(name -> name.startsWith("maven") || name.startsWith("org.apache.maven"))
                        .sorted()
                        .toList());

        ProxiedSingletons.register(Greeting.class, name -> "hello " + name);
        print("REGISTERED " + Greeting.class.getName());
        try {
            ProxiedSingletons.register(Secret.class, () -> "nothing");
            print("REGISTERED " + Secret.class.getName());
        } catch (IllegalArgumentException e) {
            print("REFUSED " + e.getMessage());
        }

        ExtensionManagerConfig config = ExtensionManagerConfig.builder()
                .envRootPath(Path.of(args[1]))
                .localRepository(Path.of(args[3]))
                .stopTimeout(Duration.ofSeconds(5))
                .build();
        try (ExtensionManager<TestExtension> manager = new ExtensionManager<>(TestExtension.class, config)) {
            TestExtension shared = manager.loadExtension(
                    ExtensionConfig.builder("shared").modulePath(jar).build());
            print("SHARED " + shared.echo("from a module") + " " + shared.measure(List.of(1.0, 3.0)));
            TestExtension isolated = manager.loadExtension(ExtensionConfig.builder("isolated")
                    .modulePath(jar)
                    .isolated(true)
                    .dependencies("dev.isolate4j.it:probe-api:1.0")
                    .repositories(List.of(args[2]))
                    .build());
            print("ISOLATED " + isolated.echo("resolved") + " " + isolated.measure(List.of(2.0, 4.0)));
        }
        print("DONE");
    }

    private static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
