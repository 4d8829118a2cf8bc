package dev.isolate4j.it;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.it.api.TestExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host application in a JVM of its own that prepares and loads one isolated extension, started by
 * {@link ConcurrentPreparationTest} several times at once on the same {@code envRoot}.
 *
 * <p>Arguments: {@code <extension jar> <envRoot> <local repository> <repository URL> <extension
 * name>}. It builds its manager, prints {@code READY}, waits for a line on its stdin (so that the
 * test can start several hosts' preparations at the same moment), loads the extension isolated with
 * {@code dev.isolate4j.it:probe-api:1.0} from the repository, calls {@code echo}, prints {@code
 * LOADED <child pid> <artifacts downloaded>}, closes the manager and exits 0. It exits 4 when its
 * stdin ends (the test's JVM is gone) and 5 after a minute, whatever happens.
 */
public final class PreparingHost {
    static final String READY = "READY";
    static final String LOADED_PREFIX = "LOADED ";
    static final String DEPENDENCY = "dev.isolate4j.it:probe-api:1.0";
    private static final Duration LONGEST_RUN = Duration.ofSeconds(60);

    private PreparingHost() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            // Other threads of the manager must not keep a failed host alive.
            t.printStackTrace();
            System.out.flush();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: PreparingHost <extension jar> <envRoot> <local repository>"
                    + " <repository URL> <extension name>");
        }
        Path jar = Path.of(args[0]);
        Path envRoot = Path.of(args[1]);
        Path localRepository = Path.of(args[2]);
        String repositoryUrl = args[3];
        String name = args[4];
        exitAfter(LONGEST_RUN);

        AtomicInteger downloaded = new AtomicInteger();
        ExtensionManager<TestExtension> manager = new ExtensionManager<>(
                TestExtension.class,
                ExtensionManagerConfig.builder()
                        .envRootPath(envRoot)
                        .localRepository(localRepository)
                        .stopTimeout(Duration.ofSeconds(5))
                        .resolutionListener(progress -> {
                            if (progress.done()) {
                                downloaded.incrementAndGet();
                            }
                        })
                        .build());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println(READY);
        System.out.flush();
        if (in.readLine() == null) {
            System.exit(4);
        }
        exitWhenStdinEnds(in);

        TestExtension extension = manager.loadExtension(ExtensionConfig.builder(name)
                .modulePath(jar)
                .isolated(true)
                .dependencies(DEPENDENCY)
                .repositories(List.of(repositoryUrl))
                .build());
        String echoed = extension.echo("prepared");
        if (!echoed.equals("prepared")) {
            throw new IllegalStateException("echo returned '" + echoed + "'");
        }
        System.out.println(LOADED_PREFIX + extension.pid() + " " + downloaded.get());
        System.out.flush();
        manager.close();
        System.exit(0);
    }

    private static void exitAfter(Duration timeout) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(timeout.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.exit(5);
        });
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void exitWhenStdinEnds(BufferedReader in) {
        Thread watch = new Thread(() -> {
            try {
                while (in.readLine() != null) {
                    // the test writes nothing more
                }
            } catch (Exception ignored) {
                // the same as end of file
            }
            System.exit(4);
        });
        watch.setDaemon(true);
        watch.start();
    }
}
