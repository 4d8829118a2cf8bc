package dev.isolate4j.resolver.internal.packtest;

/** A class for {@code PackedClassesTest} to pack; its name is an internal one. */
public final class PackedFirst {
    /** {@return a word} */
    public static String word() {
        return "first";
    }
}
