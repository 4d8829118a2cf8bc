package dev.isolate4j.it;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.it.api.Logs;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Path;

/**
 * A host whose SLF4J binding prints the MDC ({@link MdcPrintingSlf4jProvider}): it loads the
 * fixture extension "logged" in the default configuration, which logs "hello with mdc" at WARN
 * with {@code request=r-1} in its MDC and "debug from the child" at DEBUG, then closes its manager
 * and prints {@code DONE}. Run with slf4j-simple instead, it shows which levels the child sends.
 *
 * <p>Arguments: {@code <extension jar> <envRoot>}.
 */
public final class MdcHost {
    static final String DONE = "DONE";

    private MdcHost() {}

    public static void main(String[] args) throws Exception {
        ExtensionManagerConfig config =
                ExtensionManagerConfig.builder().envRootPath(Path.of(args[1])).build();
        try (ExtensionManager<TestExtension> manager = new ExtensionManager<>(TestExtension.class, config)) {
            TestExtension extension = manager.loadExtension(ExtensionConfig.builder("logged")
                    .modulePath(Path.of(args[0]))
                    .build());
            Logs logs = ExtensionHandle.of(extension).createCaller(Logs.class, "logs");
            logs.log("slf4j", "WARN", "dev.fixture.logs", "hello with mdc", false);
            logs.log("slf4j", "DEBUG", "dev.fixture.logs", "debug from the child", false);
        }
        System.out.println(DONE);
    }
}
