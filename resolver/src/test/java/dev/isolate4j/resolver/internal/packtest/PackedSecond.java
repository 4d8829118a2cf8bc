package dev.isolate4j.resolver.internal.packtest;

/** A class for {@code PackedClassesTest} to pack, which the test loads only after the bytes went. */
public final class PackedSecond {
    /** {@return a word} */
    public static String word() {
        return "second";
    }
}
