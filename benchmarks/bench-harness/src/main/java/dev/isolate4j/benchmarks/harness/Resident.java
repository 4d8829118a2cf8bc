package dev.isolate4j.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a process's resident pages are, read from {@code /proc/<pid>/smaps}: what the RSS rows are
 * made of. Printed under the table beside the child's RSS 30 s after its call rows, so that a run
 * whose row misses shows which part moved. In the runs of 7 December (JDK 17, the first child of
 * its kind) everything but the C heap and the Java heap stayed within 0.4 MiB from run to run; the
 * C heap (part of "other anonymous") moved by up to 3.6 MiB, the Java heap by a region.
 *
 * @param libjvmKiB the JVM's own library, pages shared with every JVM of that JDK
 * @param archiveKiB the class-data archive's pages, shared and copied
 * @param archiveCopiedKiB of those, the pages this process wrote and so copied
 * @param otherFilesKiB every other mapped file: the C library, the JDK's modules image, jars
 * @param codeKiB anonymous executable memory: the JIT's compiled code and stubs
 * @param otherAnonymousKiB the rest: Java heap, metaspace, the C heap, thread stacks, the
 *     collector's tables
 */
record Resident(
        long libjvmKiB,
        long archiveKiB,
        long archiveCopiedKiB,
        long otherFilesKiB,
        long codeKiB,
        long otherAnonymousKiB) {

    /** {@return where the pages of process {@code pid} are, or null when its smaps cannot be read} */
    static Resident of(long pid) {
        try {
            return parse(Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps")));
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot read the mappings of pid " + pid + ": " + e);
            return null;
        }
    }

    /** Sums the {@code Rss} and {@code Anonymous} lines of {@code smaps} by the mapping they follow. */
    static Resident parse(List<String> smaps) {
        long libjvm = 0, archive = 0, archiveCopied = 0, otherFiles = 0, code = 0, otherAnonymous = 0;
        String name = "";
        boolean executable = false;
        for (String line : smaps) {
            String[] fields = line.trim().split("\\s+");
            if (isMappingLine(fields)) {
                name = fields.length > 5 ? fields[5] : "";
                executable = fields[1].indexOf('x') >= 0;
            } else if (fields[0].equals("Rss:")) {
                long kib = Long.parseLong(fields[1]);
                if (name.endsWith("/libjvm.so")) {
                    libjvm += kib;
                } else if (name.endsWith(".jsa")) {
                    archive += kib;
                } else if (name.startsWith("/")) {
                    otherFiles += kib;
                } else if (executable) {
                    code += kib;
                } else {
                    otherAnonymous += kib;
                }
            } else if (fields[0].equals("Anonymous:") && name.endsWith(".jsa")) {
                archiveCopied += Long.parseLong(fields[1]);
            }
        }
        return new Resident(libjvm, archive, archiveCopied, otherFiles, code, otherAnonymous);
    }

    /** A mapping's first line: {@code start-end perms offset dev inode [path]}. */
    private static boolean isMappingLine(String[] fields) {
        return fields.length >= 5 && fields[0].indexOf('-') > 0 && !fields[0].endsWith(":");
    }

    /** {@return the figures in MiB; {@code heapCommittedMiB}, as the child reported it, is part of the last} */
    String describe(double heapCommittedMiB) {
        return String.format(
                Locale.ROOT,
                "libjvm %.1f, class-data archive %.1f (%.1f of it copied), other files %.1f, compiled code %.1f,"
                        + " other anonymous %.1f (Java heap (%.1f committed), metaspace, C heap, stacks)",
                mib(libjvmKiB),
                mib(archiveKiB),
                mib(archiveCopiedKiB),
                mib(otherFilesKiB),
                mib(codeKiB),
                mib(otherAnonymousKiB),
                heapCommittedMiB);
    }

    private static double mib(long kib) {
        return kib / 1024.0;
    }
}
