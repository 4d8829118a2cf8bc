package dev.isolate4j.internal.serialization;

import dev.isolate4j.SharedBuffer;
import dev.isolate4j.internal.sharedmemory.SharedBufferSerializer;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Language;
import org.apache.fory.logging.LoggerFactory;

/**
 * How a connection's Fory is built and how types are registered into it, apart from {@link
 * ForyInstance}, which every connection makes as it starts: verifying a class that hands Fory its
 * serializers loads them and Fory's serializer interfaces, which opened Fory's jar (about 5 ms of a
 * child's start, before it read its first frame) in a child whose first calls need no Fory.
 */
final class ForyBuilds {
    private static final String NAMESPACE = "isolate4j:";

    /**
     * How many Fory instances one thread-safe Fory keeps, each for one thread at a time. Fory's own
     * default is four per processor, all built at once (eight on two processors, 64 on sixteen), and
     * each holds about 40 KB of tables, so a connection's Fory kept 330 KB on two processors and
     * 2.5 MB on sixteen, and every rebuild after a late registration built them all again. A thread
     * holds an instance only while it encodes or decodes one value (microseconds), so rarely more
     * threads than there are processors hold one at once, and four are plenty for one socket's
     * calls; a thread that finds every instance taken waits for one (ForyBuildsTest runs four
     * times as many threads as instances).
     */
    static final int POOL_SIZE = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private ForyBuilds() {}

    /** A Fory as every connection's starts: configured, with the runtime's own types registered. */
    static ThreadSafeFory newFory(boolean codegen, boolean tracksReferences, String sharedMemoryDisabledReason) {
        if (PayloadSerializer.foryLogsThroughSlf4j()) {
            // Before Fory's first class initializes: each makes its logger as it does.
            LoggerFactory.useSlf4jLogging(true);
        }
        ThreadSafeFory fory = Fory.builder()
                .withLanguage(Language.JAVA)
                .withCodegen(codegen)
                .requireClassRegistration(true)
                // A class this side did not register is refused with its name, not read into a
                // placeholder that only fails later, with a ClassCastException, in the dispatcher.
                .withDeserializeUnknownClass(false)
                .suppressClassRegistrationWarnings(true)
                .withRefTracking(tracksReferences)
                .buildThreadSafeForyPool(POOL_SIZE);
        fory.registerSerializerAndType(
                SharedBuffer.class,
                resolver -> new SharedBufferSerializer(resolver.getConfig(), sharedMemoryDisabledReason));
        // An enum's description names java.lang.Enum as its superclass: the reader must know it.
        fory.register(Enum.class);
        JdkValues.registerInto(fory);
        return fory;
    }

    static void registerInto(ThreadSafeFory fory, Class<?> type) {
        // Fory wants a dot-free type name within a namespace: the package is the namespace.
        String pkg = type.getPackageName();
        String simple = pkg.isEmpty() ? type.getName() : type.getName().substring(pkg.length() + 1);
        registerAs(fory, type, NAMESPACE + pkg, simple);
    }

    /** Registers an application type under a name, with the serializer its kind needs. */
    static void registerAs(ThreadSafeFory fory, Class<?> type, String namespace, String name) {
        fory.register(type, namespace, name);
        if (type.isEnum()) {
            fory.registerSerializer(type, resolver -> EnumByName.of(resolver.getConfig(), type));
        }
    }
}
