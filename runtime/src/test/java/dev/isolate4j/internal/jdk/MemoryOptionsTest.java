package dev.isolate4j.internal.jdk;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    void theChildEndsWhenItRunsOutOfMemoryAndGivesBackWhatItNoLongerUses() {
        List<String> options = MemoryOptions.forChild(JdkOptions.parse("17.0.15"), "256m");

        assertThat(options).containsAtLeast("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-XX:MinHeapSize=2m");
        assertThat(options).containsAtLeastElementsIn(MemoryOptions.SHRINKING);
        assertThat(options).contains(MemoryOptions.TRIM_NATIVE_HEAP);
    }

    @Test
    void nativeHeapTrimmingOnlyWhereTheJdkKnowsTheOption() {
        assertThat(trims("17.0.8")).isFalse();
        assertThat(trims("17.0.9")).isTrue();
        assertThat(trims("19.0.2")).isFalse();
        assertThat(trims("21")).isFalse();
        assertThat(trims("21.0.1")).isTrue();
        assertThat(trims("25.0.1")).isTrue();
        assertThat(MemoryOptions.forChild(Optional.empty(), "512m")).doesNotContain(MemoryOptions.TRIM_NATIVE_HEAP);
    }

    private static boolean trims(String version) {
        return MemoryOptions.forChild(JdkOptions.parse(version), "512m").contains(MemoryOptions.TRIM_NATIVE_HEAP);
    }

    @Test
    void theChildsAllocatorHandsBackWhatABurstTookUnlessTheUserSaysOtherwise() {
        assertThat(MemoryOptions.environment(Map.of("APP_MODE", "batch")))
                .containsExactly("MALLOC_ARENA_MAX", "2", "MALLOC_MMAP_THRESHOLD_", "32768", "APP_MODE", "batch");
        assertThat(MemoryOptions.environment(Map.of("MALLOC_ARENA_MAX", "8"))).containsEntry("MALLOC_ARENA_MAX", "8");
    }
}
