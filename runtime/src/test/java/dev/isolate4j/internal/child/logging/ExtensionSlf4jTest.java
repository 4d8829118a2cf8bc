package dev.isolate4j.internal.child.logging;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The SLF4J 1.7 binding's classes, renamed from the runtime's: what SLF4J 1.7 calls on them by name
 * is there under the new name, and a class file that is not one is refused.
 */
class ExtensionSlf4jTest {
    @Test
    void theLoggerBinderIsDefinedUnderSlf4jsFixedName() throws Exception {
        Class<?> binder = new Defining().define("org.slf4j.impl.StaticLoggerBinder");

        Method getSingleton = binder.getMethod("getSingleton");
        Object singleton = getSingleton.invoke(null);

        assertThat(binder.getName()).isEqualTo("org.slf4j.impl.StaticLoggerBinder");
        assertThat(getSingleton.getReturnType()).isSameInstanceAs(binder);
        assertThat(binder.getField("REQUESTED_API_VERSION").get(null)).isEqualTo("1.6.99");
        assertThat(binder.getMethod("getLoggerFactoryClassStr").invoke(singleton))
                .isEqualTo(HostLoggerFactory.class.getName());
    }

    @Test
    void theMdcBinderKeepsBothWaysOfReachingIt() throws Exception {
        Class<?> binder = new Defining().define("org.slf4j.impl.StaticMDCBinder");

        Object field = binder.getField("SINGLETON").get(null);

        assertThat(binder.getMethod("getSingleton").invoke(null)).isSameInstanceAs(field);
        assertThat(binder.getMethod("getMDCA").invoke(field)).isNotNull();
    }

    @Test
    void aNameThatIsNotTheBindingsIsRefusedWithTheNamesItHas() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ExtensionSlf4j.classBytes("org.slf4j.impl.Other"));

        assertThat(e).hasMessageThat().contains("org.slf4j.impl.Other is not a class of the SLF4J binding");
        assertThat(e).hasMessageThat().contains("org.slf4j.impl.StaticLoggerBinder");
    }

    @Test
    void bytesThatAreNotAClassFileAreRefused() {
        byte[] notAClass = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 2, 99};

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ClassFileRename.rename(notAClass, "a/B", "c/D"));

        assertThat(e).hasMessageThat().contains("constant-pool tag 99 at entry 1");
    }

    /** Defines the binding's classes as an isolated extension's loader does, over the test's SLF4J. */
    private static final class Defining extends ClassLoader {
        Defining() {
            super(ExtensionSlf4jTest.class.getClassLoader());
        }

        Class<?> define(String name) {
            byte[] bytes = ExtensionSlf4j.classBytes(name);
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
