package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.RemoteMethodException;
import dev.isolate4j.it.ShapeChildren.Shape;
import dev.isolate4j.it.api.ExceptionShapes;
import dev.isolate4j.it.api.ExceptionShapes.DailyQuotaException;
import dev.isolate4j.it.api.ExceptionShapes.Detail;
import dev.isolate4j.it.api.ExceptionShapes.DetailedException;
import dev.isolate4j.it.api.ExceptionShapes.QuotaException;
import dev.isolate4j.it.api.ExceptionShapes.RateLimitedException;
import dev.isolate4j.it.api.ExceptionShapes.Severity;
import dev.isolate4j.it.api.ExceptionShapes.UncrossableException;
import dev.isolate4j.it.api.ExceptionShapes.UndeclaredException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each shape of checked exception a plugin API declares, thrown in a real child, one line per
 * shape: what the caller must catch and find in it. In every child of {@link ShapeChildren}: on the
 * host's class path, isolated, and on JDK 25, in the default configuration.
 */
class ExceptionShapesTest {
    @TempDir
    static Path envRoot;

    static ShapeChildren<ExceptionShapes> children;

    @BeforeAll
    static void load() throws Exception {
        children = ShapeChildren.load(envRoot, ExceptionShapes.class, "exception-shapes");
    }

    @AfterAll
    static void close() {
        children.close();
    }

    static List<Shape<ExceptionShapes>> shapes() {
        return List.of(
                new Shape<>("fields of primitive, String, record and enum types", s -> {
                    DetailedException e = assertThrows(DetailedException.class, () -> s.detailed(429));
                    assertThat(List.of(e.getMessage(), e.code, e.reason, e.detail, e.severity))
                            .containsExactly("detailed 429", 429, "reason 429", new Detail("k", 429), Severity.HIGH)
                            .inOrder();
                }),
                new Shape<>("cause chain and stack trace", s -> {
                    DetailedException e = assertThrows(DetailedException.class, () -> s.detailed(1));
                    assertThat(((RemoteMethodException) e.getCause()).remoteClassName())
                            .isEqualTo(IllegalStateException.class.getName());
                    assertThat(e.getStackTrace()[0].getClassName()).endsWith("FixtureExceptionShapes");
                }),
                new Shape<>("no (String) nor no-arg constructor", s -> {
                    RateLimitedException e = assertThrows(RateLimitedException.class, () -> s.rateLimited(429, 30));
                    assertThat(List.of(e.getMessage(), e.code, e.retryAfter))
                            .containsExactly("rate limited: 429", 429, Duration.ofSeconds(30))
                            .inOrder();
                }),
                new Shape<>("subclass of the declared exception, fields in both layers", s -> {
                    QuotaException e = assertThrows(QuotaException.class, () -> s.quota(1_000, "2024-02-29"));
                    assertThat(e).isInstanceOf(DailyQuotaException.class);
                    assertThat(List.of(e.getMessage(), e.limit, ((DailyQuotaException) e).day))
                            .containsExactly("over quota", 1_000L, "2024-02-29")
                            .inOrder();
                }),
                new Shape<>("async method, future failed with the declared exception", s -> {
                    ExecutionException e = assertThrows(
                            ExecutionException.class,
                            () -> s.rateLimitedLater(503).get(30, TimeUnit.SECONDS));
                    RateLimitedException cause = (RateLimitedException) e.getCause();
                    assertThat(List.of(cause.getMessage(), cause.code, cause.retryAfter))
                            .containsExactly("rate limited: 503", 503, Duration.ofMinutes(1))
                            .inOrder();
                }),
                new Shape<>("field whose value cannot cross is left out, transient one not sent", s -> {
                    UncrossableException e = assertThrows(UncrossableException.class, () -> s.uncrossable(7));
                    assertThat(e).hasMessageThat().isEqualTo("holds a thread");
                    assertThat(e.context).isNull();
                    assertThat(e.unsent).isNull();
                    assertThat(e.code).isEqualTo(7);
                }),
                new Shape<>("undeclared checked exception arrives as RemoteMethodException", s -> {
                    RemoteMethodException e = assertThrows(RemoteMethodException.class, () -> s.undeclared("oops"));
                    assertThat(List.of(e.remoteClassName(), e.remoteMessage()))
                            .containsExactly(UndeclaredException.class.getName(), "oops")
                            .inOrder();
                }));
    }

    static Stream<Arguments> shapesInEveryChild() throws Exception {
        return ShapeChildren.everyChild(shapes());
    }

    @ParameterizedTest(name = "{1} in the {0} child")
    @MethodSource("shapesInEveryChild")
    void arrivesAsItselfWithItsFields(String child, Shape<ExceptionShapes> shape) {
        shape.check().accept(children.in(child));
    }
}
