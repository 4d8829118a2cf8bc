package dev.isolate4j.internal.sandbox;

import dev.isolate4j.internal.Closeables;
import dev.isolate4j.internal.FileTrees;
import dev.isolate4j.internal.LockFiles;
import dev.isolate4j.internal.Sha256;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the files a sandboxed child reads into one directory of hard links, so that bubblewrap
 * binds that one directory and makes a symbolic link at each file's own path, instead of binding
 * every file.
 *
 * <p>Why: bubblewrap reads the whole mount table again for every bind, so a start's cost grows
 * with the square of the binds. Sixty class-path jars took 20 ms to bind, 6 ms as links.
 *
 * <p>Each set of files gets a directory of its own, named by the set, so that a child sees only
 * the files it was given. Links are checked at every start: a file replaced since (a rebuilt
 * snapshot) is linked again. A file that cannot be hard-linked (another file system, or owned by
 * someone else under {@code fs.protected_hardlinks}) is left out, and the caller binds it as
 * before.
 *
 * <p>A set's directory is touched at every start that uses it; {@link #removeUnused} deletes those
 * no start has used for a while, which would otherwise keep replaced jars on disk through their
 * links, unless a running host uses them: a JVM that links a set holds a lock on a file of its own
 * under {@code .in-use} until the last manager that used the set is closed ({@link #release}), for
 * its children (a spare that waits, an extension that runs for weeks) may open a jar of their class
 * path at any time ({@link LockFiles}). Inside the sandbox a jar is reached through its name, not a
 * bind of its own: a jar that another host links again while this child runs is the new one for the
 * child too, if it opens that jar only then.
 *
 * <pre>{@code
 * LinkedFiles links = new LinkedFiles(envRoot.resolve(".sandbox-links"));
 * LinkedFiles.Linked linked = links.link(List.of(jar1, jar2));
 * // bind linked.directory(); at jar1, a symbolic link to linked.links().get(jar1)
 * }</pre>
 */
public final class LinkedFiles {
    private static final Logger log = LoggerFactory.getLogger(LinkedFiles.class);
    /** Beside the sets, not in them: a set's directory is bound into the sandbox as it is. */
    private static final String IN_USE = ".in-use";

    /**
     * Guarded by itself: the sets this JVM holds, its lock on each, and the instances (one per
     * manager) that use each; the lock is let go when the last of them is {@link #release}d.
     */
    private static final Map<Path, InUse> HELD = new HashMap<>();

    private record InUse(Path file, FileLock lock, Set<LinkedFiles> users) {
        boolean valid() {
            return lock.isValid() && Files.exists(file);
        }
    }

    private final Path root;

    /**
     * Keeps the links under {@code root}, created when first needed.
     *
     * @param root a directory of the host's, e.g. {@code <envRootPath>/.sandbox-links}
     */
    public LinkedFiles(Path root) {
        // Absolute: bubblewrap places a relative path under the sandbox's root, not the host's.
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@return the directory that holds every set's directory} */
    public Path root() {
        return root;
    }

    /**
     * Deletes the directories of sets that no start has used for {@code unused}, and their links.
     * Never throws: a directory that cannot be deleted is left.
     *
     * @param unused how long a set may go unused
     * @return how many directories were deleted
     */
    public int removeUnused(Duration unused) {
        Instant before = Instant.now().minus(unused);
        int removed = 0;
        try (DirectoryStream<Path> sets = Files.newDirectoryStream(root)) {
            for (Path set : sets) {
                if (!set.getFileName().toString().startsWith(".")
                        && unusedSince(set, before)
                        && !inUse(set)
                        && unusedSince(set, before) // not linked again meanwhile
                        && deleteSet(set)) {
                    removed++;
                }
            }
        } catch (NoSuchFileException e) {
            // Nothing made yet under a new envRoot: nothing to remove.
        } catch (IOException e) {
            log.debug("cannot list {}", root, e);
        }
        return removed;
    }

    private static boolean unusedSince(Path set, Instant before) throws IOException {
        return Files.getLastModifiedTime(set, LinkOption.NOFOLLOW_LINKS)
                .toInstant()
                .isBefore(before);
    }

    /**
     * Whether a running host holds the lock of one of {@code set}'s lock files; those whose host is
     * gone are deleted on the way.
     */
    private boolean inUse(Path set) {
        boolean inUse = false;
        for (Path file : lockFiles(set)) {
            // This JVM's own are not opened again: closing any channel of a file frees all of the
            // process's locks on it.
            if (heldHere(file) || LockFiles.heldElsewhere(file)) {
                inUse = true;
            } else {
                FileTrees.deleteQuietly(file);
            }
        }
        return inUse;
    }

    private static boolean heldHere(Path file) {
        synchronized (HELD) {
            return HELD.values().stream().anyMatch(held -> held.file().equals(file));
        }
    }

    private List<Path> lockFiles(Path set) {
        String prefix = set.getFileName() + "-";
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve(IN_USE))) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().startsWith(prefix)) {
                    files.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            // no host ever held a set
        } catch (IOException e) {
            log.debug("cannot list {}", root.resolve(IN_USE), e);
        }
        return files;
    }

    /**
     * Locks a file of this JVM's for {@code set}, once per set and JVM, and keeps the lock until
     * every instance that uses the set is {@link #release}d: {@link #removeUnused} of any host leaves
     * the set alone meanwhile. A lock whose file was removed (its set removed by a host that saw it
     * unused before) is taken again.
     */
    private void holdInUse(Path set) {
        synchronized (HELD) {
            InUse held = HELD.get(set);
            if (held != null && held.valid()) {
                held.users().add(this);
                return;
            }
            // Those whose file is gone (their set removed, or its whole root): nothing to keep open.
            HELD.entrySet().removeIf(entry -> {
                boolean gone = !entry.getValue().valid();
                if (gone) {
                    Closeables.closeQuietly(entry.getValue().lock().channel());
                }
                return gone;
            });
            Path file = root.resolve(IN_USE)
                    .resolve(set.getFileName() + "-" + ProcessHandle.current().pid() + "-"
                            + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                log.debug("cannot create {}", file.getParent(), e);
            }
            FileLock lock = LockFiles.create(file);
            if (lock == null) {
                log.debug("cannot lock {}; another host may remove {} once it is unused for long", file, set);
                return;
            }
            Set<LinkedFiles> users = new HashSet<>();
            users.add(this);
            HELD.put(set, new InUse(file, lock, users));
        }
    }

    /**
     * Lets go of the sets this instance linked, once its children are gone (a manager's close): the
     * lock on a set, and its file, go with the last instance of this JVM that used it.
     */
    public void release() {
        synchronized (HELD) {
            HELD.entrySet().removeIf(entry -> {
                InUse held = entry.getValue();
                if (!held.users().remove(this) || !held.users().isEmpty()) {
                    return false;
                }
                LockFiles.release(held.lock(), held.file());
                return true;
            });
        }
    }

    private static boolean deleteSet(Path set) {
        try (DirectoryStream<Path> links = Files.newDirectoryStream(set)) {
            for (Path link : links) {
                Files.deleteIfExists(link);
            }
            Files.deleteIfExists(set);
            return true;
        } catch (IOException e) {
            log.debug("cannot remove {}", set, e);
            return false;
        }
    }

    /**
     * The outcome of {@link #link}.
     *
     * @param directory the directory that holds the links, to bind
     * @param links each linked file and its link; files that could not be linked are absent
     */
    public record Linked(Path directory, Map<Path, Path> links) {}

    /**
     * Links each of {@code files} (absolute, normalized paths of regular files) into the set's
     * directory.
     *
     * @param files the files
     * @return the directory and the links made; none when the directory cannot be created
     */
    public Linked link(Collection<Path> files) {
        StringBuilder set = new StringBuilder();
        new TreeSet<>(files).forEach(file -> set.append(file).append('\0'));
        Path directory = root.resolve(Sha256.hex(set.toString(), 12));
        Map<Path, Path> links = new LinkedHashMap<>();
        try {
            Files.createDirectories(directory);
            holdInUse(directory);
            Files.setLastModifiedTime(directory, FileTime.from(Instant.now()));
        } catch (IOException e) {
            log.debug("cannot create {}; the sandbox binds each file", directory, e);
            return new Linked(directory, links);
        }
        for (Path file : files) {
            Path link = directory.resolve(Sha256.hex(file.toString(), 6) + "-" + file.getFileName());
            if (linked(file, link)) {
                links.put(file, link);
            }
        }
        return new Linked(directory, links);
    }

    /** Whether {@code link} is, or has been made, a hard link of {@code file}. */
    private static boolean linked(Path file, Path link) {
        try {
            if (Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(file, link)) {
                return true;
            }
            // Linked under a name of its own, then renamed: a concurrent start sees the old link
            // or the new one, never none.
            Path fresh = link.resolveSibling(
                    link.getFileName() + "." + ThreadLocalRandom.current().nextLong() + ".tmp");
            try {
                Files.createLink(fresh, file);
                Files.move(fresh, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return true;
            } finally {
                Files.deleteIfExists(fresh);
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("cannot link {} as {}; the sandbox binds it", file, link, e);
            return false;
        }
    }
}
