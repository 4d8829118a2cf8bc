package dev.isolate4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HardLimitsTest {
    @Test
    void sizesAreReadAsTheJvmReadsThem() {
        assertThat(HardLimits.builder().memory("512m").build().memoryBytes()).isEqualTo(512L << 20);
        assertThat(HardLimits.builder().memory("2G").build().memoryBytes()).isEqualTo(2L << 30);
        assertThat(HardLimits.builder().memory("65536k").build().memoryBytes()).isEqualTo(64L << 20);
        assertThat(HardLimits.builder().memory("1t").build().memoryBytes()).isEqualTo(1L << 40);
        assertThat(HardLimits.builder().memory("33554432").build().memoryBytes())
                .isEqualTo(32L << 20);
        assertThat(HardLimits.builder().memory("0").build().isNone()).isTrue();
    }

    @Test
    void aSizeThatIsNotOneSaysWhatIsAccepted() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> HardLimits.builder().memory("1.5g"));

        assertThat(e)
                .hasMessageThat()
                .isEqualTo("hard memory limit '1.5g' is not a size: give a number of bytes, or a whole number"
                        + " followed by k, m, g or t, as for -Xmx (e.g. 512m, 2g)");
        assertThrows(IllegalArgumentException.class, () -> HardLimits.builder().memory("512mb"));
        assertThrows(IllegalArgumentException.class, () -> HardLimits.builder().memory("-1m"));
        assertThat(assertThrows(
                        IllegalArgumentException.class,
                        () -> HardLimits.builder().memory("9000000t")))
                .hasMessageThat()
                .contains("too large");
    }

    @Test
    void tooLittleMemorySaysTheMinimumAndWhy() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> HardLimits.builder().memory("16m").build());

        assertThat(e)
                .hasMessageThat()
                .isEqualTo("hard memory limit 16777216 bytes (16 MiB) is not accepted: give at least 32 MiB (32m),"
                        + " which a JVM needs before the extension allocates anything, or 0 for no limit");
    }

    @Test
    void cpusMustBeAPositiveNumber() {
        for (double bad : new double[] {-1, 0.001, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> HardLimits.builder().cpus(bad).build());
            assertThat(e)
                    .hasMessageThat()
                    .startsWith(
                            "hard CPU limit " + bad + " is not accepted: give a number of" + " CPUs of at least 0.01");
        }
        assertThat(HardLimits.builder().cpus(0.5).build().cpus()).isEqualTo(0.5);
    }

    @Test
    void tooFewProcessesSaysThatThreadsCount() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> HardLimits.builder().processes(8).build());

        assertThat(e)
                .hasMessageThat()
                .isEqualTo("hard process limit 8 is not accepted: give at least 32, because the kernel counts every"
                        + " thread and a JVM runs about 20 of its own before the extension starts any, or 0 for no"
                        + " limit");
    }

    @Test
    void noneLimitsNothing() {
        assertThat(HardLimits.none().isNone()).isTrue();
        assertThat(HardLimits.none()).isEqualTo(HardLimits.builder().build());
        assertThat(HardLimits.none().toString()).isEqualTo("no hard limits");
        assertThat(HardLimits.builder()
                        .memory("1536m")
                        .cpus(1.5)
                        .processes(256)
                        .build()
                        .toString())
                .isEqualTo("memory 1.5 GiB, 1.5 CPUs, 256 processes");
    }
}
