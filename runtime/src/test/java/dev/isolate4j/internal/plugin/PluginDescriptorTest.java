package dev.isolate4j.internal.plugin;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PluginDescriptor}: every key, its default, and one refusal per kind of broken value. */
class PluginDescriptorTest {
    private static final String WHERE = "plugin jar /p/ocr.jar: META-INF/isolate4j/extension.properties";

    private static PluginDescriptor parse(String text) throws PluginRefusal {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return PluginDescriptor.parse(properties, WHERE);
    }

    private static String refusal(String text) {
        return assertThrows(PluginRefusal.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsEveryKey() throws Exception {
        PluginDescriptor descriptor = parse("""
                name = ocr
                isolated = true
                apis = com.acme.api.VisitLog, com.acme.api.Clock
                dependencies = com.google.guava:guava:33.0.0-jre,com.acme:ocr-api:1.2
                network = true
                writablePaths = /var/cache/ocr, /var/lib/ocr
                maxHeap = 256m
                """);

        assertThat(descriptor.name()).isEqualTo("ocr");
        assertThat(descriptor.isolated()).isTrue();
        assertThat(descriptor.apis())
                .containsExactly("com.acme.api.VisitLog", "com.acme.api.Clock")
                .inOrder();
        assertThat(descriptor.dependencies())
                .containsExactly("com.google.guava:guava:33.0.0-jre", "com.acme:ocr-api:1.2")
                .inOrder();
        assertThat(descriptor.network()).isTrue();
        assertThat(descriptor.writablePaths())
                .containsExactly(Path.of("/var/cache/ocr"), Path.of("/var/lib/ocr"))
                .inOrder();
        assertThat(descriptor.maxHeap()).isEqualTo("256m");
    }

    @Test
    void onlyTheNameIsRequired() throws Exception {
        PluginDescriptor descriptor = parse("name=ocr");

        assertThat(descriptor.isolated()).isTrue();
        assertThat(descriptor.apis()).isEmpty();
        assertThat(descriptor.dependencies()).isEmpty();
        assertThat(descriptor.network()).isFalse();
        assertThat(descriptor.writablePaths()).isEmpty();
        assertThat(descriptor.maxHeap()).isNull();
    }

    @Test
    void aMissingNameIsRefused() {
        assertThat(refusal("isolated=true"))
                .isEqualTo(WHERE + " gives no name; add name=<the extension's unique name>");
    }

    @Test
    void unknownKeysAreRefusedWithTheKnownOnes() {
        String message = refusal("name=ocr\nnetwrok=true");

        assertThat(message).startsWith(WHERE + " holds unknown keys [netwrok]");
        assertThat(message).contains("[apis, dependencies, isolated, maxHeap, name, network, writablePaths]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"network=yes", "network=1", "isolated=TRUE", "isolated="})
    void booleansAreTrueOrFalse(String line) {
        assertThat(refusal("name=ocr\n" + line)).contains("is not a boolean; give true or false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/cache", "/var/cache/../../etc", "/var/./cache"})
    void writablePathsAreAbsoluteAndNormal(String path) {
        assertThat(refusal("name=ocr\nwritablePaths=" + path))
                .contains("writablePaths entry '" + path + "' is not an absolute path without '.' or '..'");
    }

    @Test
    void dependenciesAreCoordinates() {
        assertThat(refusal("name=ocr\ndependencies=com.acme:ocr:1;rm -rf /"))
                .startsWith(WHERE + ": dependencies: dependency 'com.acme:ocr:1;rm -rf /' is not a Maven coordinate");
    }

    @Test
    void apisAreClassNames() {
        assertThat(refusal("name=ocr\napis=com.acme.Visit Log"))
                .contains("apis entry 'com.acme.Visit Log' is not a fully qualified interface name");
    }

    @Test
    void maxHeapIsAJvmSize() {
        assertThat(refusal("name=ocr\nmaxHeap=lots")).startsWith(WHERE + ": maxHeap ");
    }

    @Test
    void notIsolatedWithDependenciesIsRefused() {
        assertThat(refusal("name=ocr\nisolated=false\ndependencies=com.acme:ocr:1"))
                .contains("says isolated=false but lists dependencies [com.acme:ocr:1]");
    }
}
