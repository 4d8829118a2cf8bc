package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.CallInfo;
import dev.isolate4j.CallInterceptor;
import dev.isolate4j.CallListener;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.RemoteCallException;
import dev.isolate4j.RemoteMethodException;
import dev.isolate4j.it.api.Intercepted;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interceptors on both sides of a real child: the host's, installed on the manager, put metadata on
 * each call; the extension's, found by the child's ServiceLoader on its class path, read it around
 * the method it serves. Both children: on the host's class path and isolated.
 */
class InterceptorTest {
    @TempDir
    Path envRoot;

    ExtensionManager<TestExtension> manager;

    /** What the host's interceptor was told. */
    final List<String> hostSaw = new CopyOnWriteArrayList<>();

    final CallInterceptor requestIds = new CallInterceptor() {
        @Override
        public CallListener beforeCall(CallInfo call, Map<String, String> metadata) {
            metadata.put("request-id", "r-" + call.method());
            return new CallListener() {
                @Override
                public void completed(Throwable failure) {
                    hostSaw.add(call.extension() + " " + call.fullMethodName() + " "
                            + (failure == null ? "ok" : failure.getClass().getSimpleName()));
                }
            };
        }
    };

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void metadataTravelsToTheExtensionsInterceptorInBothChildren() throws Exception {
        manager = new ExtensionManager<>(
                TestExtension.class,
                ExtensionManagerConfig.builder()
                        .envRootPath(envRoot.resolve("env"))
                        .localRepository(envRoot.resolve("local-repository"))
                        .stopTimeout(Duration.ofSeconds(5))
                        .interceptors(requestIds)
                        .build());
        TestRepository repository = TestRepository.withFixtureApi(envRoot.resolve("repository"));
        TestExtension shared = manager.loadExtension(Fixtures.config("shared").build());
        TestExtension isolated = manager.loadExtension(Fixtures.isolated("isolated", repository.url()));

        for (TestExtension extension : List.of(shared, isolated)) {
            assertThat(extension.echo("hi")).isEqualTo("hi");
            assertThrows(RemoteMethodException.class, () -> extension.fail("on purpose"));
            Intercepted intercepted = ExtensionHandle.of(extension).createCaller(Intercepted.class, "intercepted");
            // A call is completed once its reply is sent: the record may come a moment after the reply.
            Await.until(
                    "the child's interceptor saw both calls end",
                    Duration.ofSeconds(10),
                    () -> intercepted
                            .seen()
                            .containsAll(List.of(
                                    "TestExtension.echo {request-id=r-echo} same-thread ok",
                                    "TestExtension.fail {request-id=r-fail} same-thread failed")));
        }
        assertThat(hostSaw)
                .containsAtLeast(
                        "shared TestExtension.echo ok",
                        "shared TestExtension.fail RemoteMethodException",
                        "isolated TestExtension.echo ok",
                        "isolated TestExtension.fail RemoteMethodException");
    }

    @Test
    void metadataBeyondWhatACallCarriesFailsThatCallAloneWithTheReason() throws Exception {
        CallInterceptor greedy = new CallInterceptor() {
            @Override
            public CallListener beforeCall(CallInfo call, Map<String, String> metadata) {
                if (call.method().equals("echo")) {
                    metadata.put("huge", "x".repeat(5_000));
                }
                return CallListener.NONE;
            }
        };
        manager = new ExtensionManager<>(
                TestExtension.class,
                ExtensionManagerConfig.builder()
                        .envRootPath(envRoot.resolve("env"))
                        .localRepository(envRoot.resolve("local-repository"))
                        .interceptors(greedy)
                        .build());
        TestExtension extension =
                manager.loadExtension(Fixtures.config("greedy").build());

        RemoteCallException e = assertThrows(RemoteCallException.class, () -> extension.echo("hi"));

        assertThat(e).hasMessageThat().contains("'huge'");
        assertThat(e).hasMessageThat().contains("at most 1024 characters");
        assertThat(extension.length("still fine")).isEqualTo(10);
    }
}
