package dev.isolate4j.internal.jdk;

import static com.google.common.truth.Truth.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClassSharingOptionsTest {
    @Test
    void jdksThatKnowTheOptionGetItUnlockedFirst() {
        for (String version : new String[] {"14", "17.0.15", "21.0.5", "25.0.3"}) {
            assertThat(ClassSharingOptions.forChild(Optional.of(Runtime.Version.parse(version))))
                    .containsExactly("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0")
                    .inOrder();
        }
    }

    @Test
    void jdksThatMayNotKnowItGetNothingSinceAnUnknownOptionStopsTheJvm() {
        assertThat(ClassSharingOptions.forChild(Optional.of(Runtime.Version.parse("11.0.20"))))
                .isEmpty();
        assertThat(ClassSharingOptions.forChild(Optional.of(Runtime.Version.parse("26"))))
                .isEmpty();
        assertThat(ClassSharingOptions.forChild(Optional.empty())).isEmpty();
    }
}
