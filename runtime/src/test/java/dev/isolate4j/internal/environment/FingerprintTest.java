package dev.isolate4j.internal.environment;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FingerprintTest {
    private static final List<String> COORDINATES = List.of("org.example:a:1.0", "org.example:b:[1.0,2.0)");
    private static final List<String> REPOSITORIES =
            List.of("https://repo.example.com/maven2/", "file:///tmp/repository/");
    private static final String RUNTIME = "0.1.0";
    private static final String JAVA = "17.0.9";

    private static String base() {
        return Fingerprint.of(COORDINATES, REPOSITORIES, RUNTIME, JAVA);
    }

    @Test
    void isAHexSha256() {
        assertThat(base()).matches("[0-9a-f]{64}");
    }

    @Test
    void sameInputsGiveTheSameFingerprint() {
        String again = Fingerprint.of(
                new ArrayList<>(COORDINATES), new ArrayList<>(REPOSITORIES), new String(RUNTIME), new String(JAVA));

        assertThat(again).isEqualTo(base());
        assertThat(base()).isEqualTo(base());
    }

    @Test
    void emptyInputsHaveAFingerprintToo() {
        assertThat(Fingerprint.of(List.of(), List.of(), "", "")).matches("[0-9a-f]{64}");
        assertThat(Fingerprint.of(List.of(), List.of(), "", ""))
                .isEqualTo(Fingerprint.of(List.of(), List.of(), "", ""));
    }

    @Test
    void anotherCoordinateChangesIt() {
        assertThat(Fingerprint.of(List.of("org.example:a:1.0", "org.example:b:[1.0,2.1)"), REPOSITORIES, RUNTIME, JAVA))
                .isNotEqualTo(base());
        assertThat(Fingerprint.of(List.of("org.example:a:1.0"), REPOSITORIES, RUNTIME, JAVA))
                .isNotEqualTo(base());
        assertThat(Fingerprint.of(
                        List.of("org.example:a:1.0", "org.example:b:[1.0,2.0)", "org.example:c:1"),
                        REPOSITORIES,
                        RUNTIME,
                        JAVA))
                .isNotEqualTo(base());
        assertThat(Fingerprint.of(List.of(), REPOSITORIES, RUNTIME, JAVA)).isNotEqualTo(base());
    }

    @Test
    void anotherOrderOfCoordinatesChangesIt() {
        assertThat(Fingerprint.of(List.of("org.example:b:[1.0,2.0)", "org.example:a:1.0"), REPOSITORIES, RUNTIME, JAVA))
                .isNotEqualTo(base());
    }

    @Test
    void anotherRepositoryOrOrderOfRepositoriesChangesIt() {
        assertThat(Fingerprint.of(COORDINATES, List.of("https://repo.example.com/maven2/"), RUNTIME, JAVA))
                .isNotEqualTo(base());
        assertThat(Fingerprint.of(
                        COORDINATES,
                        List.of("https://repo.example.com/maven2", "file:///tmp/repository/"),
                        RUNTIME,
                        JAVA))
                .isNotEqualTo(base());
        assertThat(Fingerprint.of(
                        COORDINATES,
                        List.of("file:///tmp/repository/", "https://repo.example.com/maven2/"),
                        RUNTIME,
                        JAVA))
                .isNotEqualTo(base());
        assertThat(Fingerprint.of(COORDINATES, List.of(), RUNTIME, JAVA)).isNotEqualTo(base());
    }

    @Test
    void anotherRuntimeVersionChangesIt() {
        assertThat(Fingerprint.of(COORDINATES, REPOSITORIES, "0.1.1", JAVA)).isNotEqualTo(base());
        assertThat(Fingerprint.of(COORDINATES, REPOSITORIES, "development", JAVA))
                .isNotEqualTo(base());
    }

    @Test
    void anotherJavaVersionChangesIt() {
        assertThat(Fingerprint.of(COORDINATES, REPOSITORIES, RUNTIME, "17.0.10"))
                .isNotEqualTo(base());
        assertThat(Fingerprint.of(COORDINATES, REPOSITORIES, RUNTIME, "21")).isNotEqualTo(base());
    }

    @Test
    void aValueMovedBetweenInputsChangesIt() {
        // The same strings in other roles must not give the same digest.
        String coordinate = "org.example:a:1.0";
        String repository = "https://repo.example.com/maven2/";
        Set<String> fingerprints = new HashSet<>();
        fingerprints.add(Fingerprint.of(List.of(coordinate), List.of(repository), RUNTIME, JAVA));
        fingerprints.add(Fingerprint.of(List.of(repository), List.of(coordinate), RUNTIME, JAVA));
        fingerprints.add(Fingerprint.of(List.of(coordinate, repository), List.of(), RUNTIME, JAVA));
        fingerprints.add(Fingerprint.of(List.of(), List.of(coordinate, repository), RUNTIME, JAVA));
        fingerprints.add(Fingerprint.of(List.of(coordinate), List.of(repository), JAVA, RUNTIME));

        assertThat(fingerprints).hasSize(5);
    }
}
