package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.ResolutionProgress;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver honours {@code settings.xml}: the file named by {@code -Dorg.apache.maven.user-settings},
 * with its mirror, local repository and offline flag. The manager sets no local repository here, as
 * that would override the settings.
 */
class SettingsTest {
    private static final String USER_SETTINGS = "org.apache.maven.user-settings";
    private static final String GLOBAL_SETTINGS = "org.apache.maven.global-settings";
    private static final String REPO_LOCAL = "maven.repo.local";
    private static final String DEPENDENCY = "dev.isolate4j.it:probe-api:1.0";
    private static final String JAR_IN_REPOSITORY = "dev/isolate4j/it/probe-api/1.0/probe-api-1.0.jar";

    @TempDir
    Path tmp;

    @Test
    void aMirrorOfEverythingServesTheDependencyIntoTheSettingsLocalRepository() throws Exception {
        TestRepository mirror = TestRepository.withFixtureApi(tmp.resolve("mirror"));
        Path localRepository = tmp.resolve("settings-local");
        Path settings = writeSettings(localRepository, false, mirror.url());
        List<ResolutionProgress> progress = new CopyOnWriteArrayList<>();

        withSettings(settings, () -> {
            try (ExtensionManager<TestExtension> manager = manager(progress)) {
                TestExtension extension = manager.loadExtension(isolated("mirrored"));
                assertThat(extension.echo("through the mirror")).isEqualTo("through the mirror");
            }
        });

        Path jar = localRepository.resolve(JAR_IN_REPOSITORY);
        assertThat(Files.isRegularFile(jar)).isTrue();
        assertThat(Files.readString(tmp.resolve("environments/mirrored/classpath.txt")))
                .contains(jar.toString());
        List<ResolutionProgress> done =
                progress.stream().filter(ResolutionProgress::done).toList();
        assertThat(done.stream().map(ResolutionProgress::artifact).toList()).contains(JAR_IN_REPOSITORY);
        assertThat(done.stream().map(ResolutionProgress::repository).distinct().toList())
                .containsExactly("test-mirror");
    }

    @Test
    void offlineWithAnEmptyLocalRepositoryFailsTheLoadNamingTheDependency() throws Exception {
        Path localRepository = Files.createDirectories(tmp.resolve("empty-local"));
        Path settings = writeSettings(localRepository, true, null);

        withSettings(settings, () -> {
            try (ExtensionManager<TestExtension> manager = manager(null)) {
                ExtensionLoadException e = assertThrows(
                        ExtensionLoadException.class, () -> manager.loadExtension(isolated("unreachable")));

                assertThat(e).hasMessageThat().contains(DEPENDENCY);
                assertThat(e).hasMessageThat().contains("'unreachable'");
                assertThat(e).hasMessageThat().contains("offline");
                assertThat(manager.extensions()).isEmpty();
            }
        });
        assertThat(Files.exists(localRepository.resolve(JAR_IN_REPOSITORY))).isFalse();
    }

    @Test
    void offlineKeepsTheResolverAwayFromAMirrorThatWouldServeIt() throws Exception {
        TestRepository.withFixtureApi(tmp.resolve("served"));
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = serve(tmp.resolve("served"), requests);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";

            // Online, the HTTP mirror serves the dependency: the server works.
            Path online = writeSettings(tmp.resolve("online-local"), false, url);
            withSettings(online, () -> {
                try (ExtensionManager<TestExtension> manager = manager(null)) {
                    assertThat(manager.loadExtension(isolated("online")).echo("served"))
                            .isEqualTo("served");
                }
            });
            assertThat(requests.get()).isGreaterThan(0);
            assertThat(Files.isRegularFile(tmp.resolve("online-local").resolve(JAR_IN_REPOSITORY)))
                    .isTrue();

            // Offline, the same settings may not reach it.
            requests.set(0);
            Path offline = writeSettings(tmp.resolve("offline-local"), true, url);
            withSettings(offline, () -> {
                try (ExtensionManager<TestExtension> manager = manager(null)) {
                    ExtensionLoadException e = assertThrows(
                            ExtensionLoadException.class, () -> manager.loadExtension(isolated("kept-offline")));
                    assertThat(e).hasMessageThat().contains(DEPENDENCY);
                }
            });
            assertThat(requests.get()).isEqualTo(0);
        } finally {
            server.stop(0);
        }
    }

    private ExtensionManager<TestExtension> manager(List<ResolutionProgress> progress) {
        return new ExtensionManager<>(
                TestExtension.class,
                ExtensionManagerConfig.builder()
                        .envRootPath(tmp.resolve("environments"))
                        .stopTimeout(Duration.ofSeconds(5))
                        .resolutionListener(progress == null ? null : progress::add)
                        .build());
    }

    /** An isolated fixture extension that names no repository: only the settings can serve it. */
    private static ExtensionConfig isolated(String name) {
        return ExtensionConfig.builder(name)
                .modulePath(Fixtures.extensionJar())
                .isolated(true)
                .dependencies(DEPENDENCY)
                .callTimeout(Duration.ofSeconds(20))
                .build();
    }

    private Path writeSettings(Path localRepository, boolean offline, String mirrorUrl) throws IOException {
        String mirror = mirrorUrl == null ? "" : """
                  <mirrors>
                    <mirror>
                      <id>test-mirror</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                """.formatted(xml(mirrorUrl));
        String settings = """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
                  <localRepository>%s</localRepository>
                  <offline>%s</offline>
                %s</settings>
                """.formatted(xml(localRepository.toAbsolutePath().toString()), offline, mirror);
        Path file = Files.createTempFile(tmp, "settings", ".xml");
        Files.writeString(file, settings);
        return file;
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} with {@code settings} as the user settings, no global settings and no
     * {@code -Dmaven.repo.local}, restoring the system properties afterwards.
     */
    private void withSettings(Path settings, Body body) throws Exception {
        Map<String, String> saved = new HashMap<>();
        for (String key : List.of(USER_SETTINGS, GLOBAL_SETTINGS, REPO_LOCAL)) {
            saved.put(key, System.getProperty(key));
        }
        try {
            System.setProperty(USER_SETTINGS, settings.toString());
            System.setProperty(
                    GLOBAL_SETTINGS, tmp.resolve("no-global-settings.xml").toString());
            System.clearProperty(REPO_LOCAL);
            body.run();
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    /** A Maven repository served over HTTP from {@code root}, counting the requests. */
    private static HttpServer serve(Path root, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                Path file = root.resolve(exchange.getRequestURI().getPath().substring(1))
                        .normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(200, head ? -1 : body.length);
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        server.start();
        return server;
    }
}
