package dev.isolate4j.it;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The children a table of shapes runs in, in the default configuration: one on the host's class
 * path, one isolated (its own loader, Fory without generated code), and one on JDK 25 where it is
 * installed (Fory takes another path there). Each gives a caller of the same callee.
 *
 * @param <T> the callee interface
 */
final class ShapeChildren<T> implements AutoCloseable {
    static final String SHARED = "shared";
    static final String ISOLATED = "isolated";
    static final String ON_JDK_25 = "JDK 25";

    /**
     * One line of a table: what is sent or thrown, and what the caller must find.
     *
     * @param <T> the callee interface
     * @param name the shape, as the test report names it
     * @param check calls the callee and asserts what comes back
     */
    record Shape<T>(String name, Consumer<T> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final ExtensionManager<TestExtension> manager;
    private final Map<String, T> callers = new LinkedHashMap<>();
    private final Optional<Path> jdk25 = Jdks.find(25);

    private ShapeChildren(Path root, Class<T> type, String calleeId) throws Exception {
        manager = Fixtures.manager(root.resolve("env"));
        TestRepository repository = TestRepository.withFixtureApi(root.resolve("repository"));
        callers.put(
                SHARED, caller(manager.loadExtension(Fixtures.config("shared").build()), type, calleeId));
        callers.put(
                ISOLATED,
                caller(manager.loadExtension(Fixtures.isolated("isolated", repository.url())), type, calleeId));
        if (jdk25.isPresent()) {
            callers.put(
                    ON_JDK_25,
                    caller(
                            manager.loadExtension(Fixtures.config("on-25")
                                    .javaHome(jdk25.get())
                                    .build()),
                            type,
                            calleeId));
        }
    }

    /** Loads the children under {@code root}, each with a caller of {@code calleeId}. */
    static <T> ShapeChildren<T> load(Path root, Class<T> type, String calleeId) throws Exception {
        return new ShapeChildren<>(root, type, calleeId);
    }

    /** Every shape in every child, as arguments (child, shape) for a parameterized test. */
    static Stream<Arguments> everyChild(List<?> shapes) {
        return shapes.stream()
                .flatMap(shape -> Stream.of(SHARED, ISOLATED, ON_JDK_25).map(child -> Arguments.of(child, shape)));
    }

    /** The caller in {@code child}; skips the test, saying why, when that child cannot run here. */
    T in(String child) {
        if (child.equals(ON_JDK_25) && jdk25.isEmpty()) {
            Jdks.require(25, "this shape in a child on JDK 25");
        }
        T caller = callers.get(child);
        Assumptions.assumeTrue(caller != null, "no child " + child);
        return caller;
    }

    private static <T> T caller(Object handle, Class<T> type, String calleeId) {
        return ExtensionHandle.of(handle).createCaller(type, calleeId);
    }

    @Override
    public void close() {
        manager.close();
    }
}
