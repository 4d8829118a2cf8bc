package dev.isolate4j.internal.jdk;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryOptionsTest {
    @Test
    void sizesReadAsTheJvmReadsThem() {
        assertThat(JvmSizes.parse("512m")).isEqualTo(512L << 20);
        assertThat(JvmSizes.parse("2G")).isEqualTo(2L << 30);
        assertThat(JvmSizes.parse("65536k")).isEqualTo(64L << 20);
        assertThat(JvmSizes.parse("1048576")).isEqualTo(1L << 20);
        for (String bad : List.of("m", "1.5g", "-1m", "99999999999999999t")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JvmSizes.parse(bad));
            assertThat(e).hasMessageThat().contains("'" + bad + "'");
        }
        assertThat(JvmSizes.format(256L << 20)).isEqualTo("256 MiB");
        assertThat(JvmSizes.format(3L << 29)).isEqualTo("1.5 GiB");
    }

    @Test
    void theUsersHeapOptionWinsInTheMessageAsOnTheCommandLine() {
        assertThat(MemoryOptions.effectiveMaxHeap("512m", List.of())).isEqualTo("512m");
        assertThat(MemoryOptions.effectiveMaxHeap("512m", List.of("-Xmx64m"))).isEqualTo("64m");
        assertThat(MemoryOptions.effectiveMaxHeap("512m", List.of("-Xmx64m", "-XX:MaxHeapSize=128m")))
                .isEqualTo("128m");
    }

    @Test
    void theChildEndsWhenItRunsOutOfMemory() {
        List<String> options = MemoryOptions.forChild(JdkOptions.parse("17.0.15"), "256m", List.of());

        assertThat(options).containsAtLeast("-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
    }
}
