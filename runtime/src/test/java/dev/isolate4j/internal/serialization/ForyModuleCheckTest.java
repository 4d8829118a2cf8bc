package dev.isolate4j.internal.serialization;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class ForyModuleCheckTest {
    private static final Runtime.Version JDK_25 = Runtime.Version.parse("25.0.1");
    /** A named module that java.base does not open java.lang.invoke to, as Fory's on a module path. */
    private static final Module NAMED = java.sql.Driver.class.getModule();

    @Test
    void aNamedModuleOnJdk25WithoutTheOpeningIsToldTheOptionThatNamesIt() {
        String problem = ForyModuleCheck.missingOpening(JDK_25, NAMED).orElseThrow();

        assertThat(problem).contains("on JDK 25");
        assertThat(problem).contains("start the host with --add-opens=java.base/java.lang.invoke=java.sql");
    }

    @Test
    void earlierJdksTheClassPathAndAnOpenedModuleNeedNothing() {
        assertThat(ForyModuleCheck.missingOpening(Runtime.Version.parse("17.0.15"), NAMED))
                .isEmpty();
        assertThat(ForyModuleCheck.missingOpening(Runtime.Version.parse("24"), NAMED))
                .isEmpty();
        // The unnamed module: Fory falls back to sun.misc.Unsafe there.
        assertThat(ForyModuleCheck.missingOpening(JDK_25, getClass().getModule()))
                .isEmpty();
        // java.base is open to itself, as it is to a module the host's command line opened it to.
        assertThat(ForyModuleCheck.missingOpening(JDK_25, Object.class.getModule()))
                .isEmpty();
    }
}
