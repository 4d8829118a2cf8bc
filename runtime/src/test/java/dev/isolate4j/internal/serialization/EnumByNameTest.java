package dev.isolate4j.internal.serialization;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.fory.ThreadSafeFory;
import org.junit.jupiter.api.Test;

/** Enum constants cross by name, so that two versions of an enum agree or fail, never mix up. */
class EnumByNameTest {
    /** The host's version. */
    enum LevelV1 {
        LOW,
        HIGH
    }

    /** The extension's version: a constant added in the middle. */
    enum LevelV2 {
        LOW,
        MEDIUM,
        HIGH
    }

    @Test
    void aConstantKeepsItsNameWhenTheOtherVersionNumbersItDifferently() {
        Object read = fory(LevelV1.class).deserialize(fory(LevelV2.class).serialize(LevelV2.HIGH));

        assertThat(read).isEqualTo(LevelV1.HIGH);
    }

    @Test
    void aConstantTheReaderDoesNotHaveFailsWithBothVersionsNamed() {
        byte[] medium = fory(LevelV2.class).serialize(LevelV2.MEDIUM);

        RuntimeException e =
                assertThrows(RuntimeException.class, () -> fory(LevelV1.class).deserialize(medium));

        Throwable cause = e;
        while (!(cause instanceof IllegalArgumentException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).hasMessageThat().contains("the other side sent the constant MEDIUM of ");
        assertThat(cause).hasMessageThat().contains("does not have (it has [LOW, HIGH])");
    }

    /** The Fory a connection uses, with {@code type} registered as it would be, under one name for both. */
    private static ThreadSafeFory fory(Class<?> type) {
        ThreadSafeFory fory = ForyBuilds.newFory(true, false, "no shared memory in this test");
        ForyBuilds.registerAs(fory, type, "isolate4j:test", "Level");
        return fory;
    }
}
