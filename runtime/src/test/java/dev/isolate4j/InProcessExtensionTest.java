package dev.isolate4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.internal.rpc.Echo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-process mode: the real proxies, frames and serialization, without a child JVM. */
class InProcessExtensionTest {
    /** An extension of the test interface Echo, with the hooks recorded. */
    public static final class EchoExtension extends ExtensionBase implements Echo {
        final List<String> hooks = new ArrayList<>();

        @Override
        protected void beforeModuleLoaded() {
            hooks.add("before");
        }

        @Override
        protected void onModuleLoaded(ExtensionModule module) {
            hooks.add("loaded:" + module.extensionClass().getSimpleName());
        }

        @Override
        public String echo(String text) {
            return text + " from " + Thread.currentThread().getName();
        }

        @Override
        public CompletableFuture<String> later(String text, long delayMillis) {
            return CompletableFuture.completedFuture(text);
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }

        @Override
        public Point mirror(Point point) {
            return new Point(point.y(), point.x());
        }
    }

    @Test
    void callsCrossTheSameMachineryAsARealChild() throws Exception {
        EchoExtension extension = new EchoExtension();
        try (InProcessExtension<Echo> inProcess = InProcessExtension.start(Echo.class, extension)) {
            Echo echo = inProcess.proxy();

            assertThat(extension.hooks)
                    .containsExactly("before", "loaded:EchoExtension")
                    .inOrder();
            // Served on the extension side's worker, as in a child.
            assertThat(echo.echo("hi")).startsWith("hi from isolate4j-EchoExtension-worker");
            assertThat(echo.later("async", 0).get(5, TimeUnit.SECONDS)).isEqualTo("async");
            Echo.Point sent = new Echo.Point(1, 2);
            Echo.Point back = echo.mirror(sent);
            assertThat(back).isEqualTo(new Echo.Point(2, 1));
            assertThat(back).isNotSameInstanceAs(sent);
        }
    }

    @Test
    void anArgumentThatCannotBeSerializedFailsAsItWouldAcrossProcesses() {
        try (InProcessExtension<Echo> inProcess = InProcessExtension.start(Echo.class, new EchoExtension())) {
            dev.isolate4j.spi.RemoteTarget target = ((dev.isolate4j.spi.RemoteProxy) inProcess.proxy()).remoteTarget();

            RemoteCallException e =
                    assertThrows(RemoteCallException.class, () -> target.call(0, new Object[] {new Thread()}));

            assertThat(e).hasMessageThat().contains("cannot serialize the arguments of Echo.echo()");
        }
    }

    @Test
    void closeStopsTheExtension() {
        InProcessExtension<Echo> inProcess = InProcessExtension.start(Echo.class, new EchoExtension());
        Echo echo = inProcess.proxy();

        inProcess.close();

        assertThrows(RuntimeException.class, () -> echo.echo("after close"));
    }
}
