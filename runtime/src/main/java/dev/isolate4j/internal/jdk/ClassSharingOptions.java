package dev.isolate4j.internal.jdk;

import java.util.List;
import java.util.Optional;

/**
 * Where a child JVM maps its class-data archive (the JDK's own, or the one its predecessor recorded):
 * at the address the archive was written for ({@code -XX:ArchiveRelocationMode=0}), not at a random
 * one, as JDK 17.0.x updates and later JDKs do by default.
 *
 * <p>Why: an archive mapped elsewhere is relocated as the JVM starts; every pointer in it is
 * rewritten, so every page of it becomes the process's own (the JDK's 12 MiB archive: 10 MiB private
 * to each child, measured with {@code /proc/<pid>/smaps}), and the rewriting takes part of each
 * start. Mapped where it was written for, the archive's pages stay those of the file, shared by every
 * child of the machine that maps it: about 6 MiB less memory per child beyond the first, a smaller
 * resident set on JDK 25 (1.9 MiB for a JVM that does almost nothing), and 10–15 ms less per JVM
 * start ({@code java -version}: 90 against 75 ms). Where the address is taken, the JVM relocates the
 * archive as before.
 *
 * <p>What it gives up: the JDK randomizes the archive's address to make an exploit of a memory
 * corruption in the JVM harder to aim. A child runs the extension's own code already, and its
 * sandbox, not its address layout, is what confines that code. A user who wants the JDK's choice
 * back adds {@code -XX:ArchiveRelocationMode=1} to the extension's {@code jvmArgs}, which come after.
 *
 * <p>The option is a diagnostic one, unlocked first, and known from JDK 14; it is given only to JDKs
 * known to have it (14 to 25), since an option a JVM does not know stops it before {@code main}.
 */
public final class ClassSharingOptions {
    static final List<String> MAP_AT_WRITTEN_ADDRESS =
            List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");

    private static final int FIRST_FEATURE = 14;
    private static final int LAST_KNOWN_FEATURE = 25;

    private ClassSharingOptions() {}

    /**
     * The options for a child of a JDK of {@code version}.
     *
     * @param version the child's JDK's version ({@link JdkOptions#version}); empty when unknown
     * @return the options, to put before the user's own; none for a JDK whose version is unknown
     */
    public static List<String> forChild(Optional<Runtime.Version> version) {
        boolean known = version.map(Runtime.Version::feature)
                .filter(feature -> feature >= FIRST_FEATURE && feature <= LAST_KNOWN_FEATURE)
                .isPresent();
        return known ? MAP_AT_WRITTEN_ADDRESS : List.of();
    }
}
