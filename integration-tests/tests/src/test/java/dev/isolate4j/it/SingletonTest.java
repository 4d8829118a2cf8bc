package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ProxiedSingletons;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.HostCounter;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extensions granted a host singleton call the host's one instance, and share its state. */
class SingletonTest {
    @BeforeAll
    static void registerSingletons() {
        HostSingletons.register();
    }

    @Test
    void extensionCallsTheHostsSingletonDuringItsHook(@TempDir Path envRoot) {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            long before = HostSingletons.COUNTER.get();
            TestExtension extension = manager.loadExtension(Fixtures.config("counting")
                    .apis(HostCounter.class)
                    .env(Map.of("FIXTURE_USE_COUNTER", "1"))
                    .build());

            assertThat(extension.lifecycle()).contains("counter:" + (before + 1));
        }
    }

    @Test
    void twoExtensionsIncrementOneHostCounterConcurrently(@TempDir Path envRoot) throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            List<Chatter> chatters = new ArrayList<>();
            for (String name : List.of("left", "right")) {
                TestExtension extension = manager.loadExtension(
                        Fixtures.config(name).apis(HostCounter.class).build());
                chatters.add(ExtensionHandle.of(extension).createCaller(Chatter.class, "chatter"));
            }
            long before = HostSingletons.COUNTER.get();

            List<CompletableFuture<Long>> runs = new ArrayList<>();
            for (Chatter chatter : chatters) {
                runs.add(CompletableFuture.supplyAsync(() -> chatter.incrementCounter(2_000)));
            }
            for (CompletableFuture<Long> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }

            assertThat(HostSingletons.COUNTER.get() - before).isEqualTo(4_000);
            assertThat(ProxiedSingletons.get(HostCounter.class).hostPid())
                    .isEqualTo(ProcessHandle.current().pid());
        }
    }
}
