package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ProxiedSingletons;
import dev.isolate4j.it.api.HostCounter;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An extension granted a host singleton calls the host's one instance. */
class SingletonTest {
    @Test
    void extensionCallsTheHostsSingletonDuringItsHook(@TempDir Path envRoot) {
        AtomicLong count = new AtomicLong();
        ProxiedSingletons.register(HostCounter.class, new HostCounter() {
            @Override
            public long incrementAndGet() {
                return count.incrementAndGet();
            }

            @Override
            public long hostPid() {
                return ProcessHandle.current().pid();
            }
        });

        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension = manager.loadExtension(Fixtures.config("counting")
                    .apis(HostCounter.class)
                    .env(Map.of("FIXTURE_USE_COUNTER", "1"))
                    .build());

            assertThat(extension.lifecycle()).contains("counter:1");
            assertThat(count.get()).isEqualTo(1);
        }
    }
}
