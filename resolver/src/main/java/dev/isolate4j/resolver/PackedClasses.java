package dev.isolate4j.resolver;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The class loader of this artifact's internal classes (the resolver, Maven's libraries and their
 * dependencies, relocated), which the build moved out of the jar's entries into one resource, {@value
 * #RESOURCE} (see {@code src/build/java/PackClasses.java}).
 *
 * <p>Why: the first resolution in a host JVM loads about a thousand of them, before anything is
 * compiled. Through the application's class loader, each costs a search of every jar before this one
 * on the class path, a zip entry inflated and package and code-source bookkeeping, all interpreted:
 * about 0.2 ms a class, 210–240 ms of class-loader time in the first resolution on this project's
 * machines. From one resource read at once, a class costs a map lookup and {@code defineClass}: 70–80
 * ms for the same classes, the resolution 60–90 ms shorter.
 *
 * <p>Names under {@code dev.isolate4j.resolver.internal.} are defined here; every other name is the
 * parent's (the JDK, SLF4J, this package's API types). The internal packages' resources (httpclient's
 * version files, its public-suffix list) are found through this artifact's own classes, which may
 * read them in a named module where the internal classes' unnamed module may not.
 *
 * <p>The classes' bytes (9 MB) are held while the resolver works ({@link #pin()} to {@link
 * #unpin()}), and only weakly between resolutions: a host does not keep them for the classes that
 * no resolution needed, and a class first needed later reads the resource again.
 *
 * <p>Locks: {@code lock} guards the bytes' references and the count of users; it is held while the
 * resource is read again, never while a class is defined (under the lock for its name).
 */
final class PackedClasses extends ClassLoader {
    /** The resource, beside this class, that holds the internal classes. */
    static final String RESOURCE = "internal.classes";

    /** The format's first int: "I4JP". */
    static final int MAGIC = 0x49344a50;

    /** The format's version, the second int. */
    static final int VERSION = 1;

    private static final String PREFIX = "dev.isolate4j.resolver.internal.";
    private static final String RESOURCE_PREFIX = PREFIX.replace('.', '/');

    static {
        registerAsParallelCapable();
    }

    /** Each class's offset (high int) and length (low int) in the data, by binary name. */
    private final Map<String, Long> index;

    private final ProtectionDomain domain = PackedClasses.class.getProtectionDomain();

    private final Object lock = new Object();

    /** The classes' bytes, once read; weakly, so that they go when no resolution pins them. */
    private WeakReference<byte[]> data;

    /** The same bytes while {@link #users} is above zero, or until the first user is done. */
    private byte[] pinned;

    private int users;

    private final Source source;

    private PackedClasses(ClassLoader parent, Source source, Map<String, Long> index, byte[] data) {
        super("isolate4j-resolver", parent);
        this.source = source;
        this.index = index;
        this.data = new WeakReference<>(data);
        this.pinned = data; // for the resolution that opened this loader
    }

    /** A resolution begins: the classes' bytes stay in memory until it {@linkplain #unpin() ends}. */
    void pin() {
        synchronized (lock) {
            users++;
            if (pinned == null) {
                pinned = data.get(); // null when they went: the first class to define reads them again
            }
        }
    }

    /** A resolution ended: once none runs, the classes' bytes may go. */
    void unpin() {
        synchronized (lock) {
            if (--users == 0) {
                pinned = null;
            }
        }
    }

    /** Where the packed classes are read from. */
    interface Source {
        /** {@return the resource's bytes from the start, or {@code null} when there is none} */
        InputStream open() throws IOException;
    }

    /**
     * {@return a loader of the packed classes, or {@code null} when this artifact holds none (its
     * classes are then where its own are, as when it runs from a build's output directory)}
     *
     * @throws IOException when the resource cannot be read
     */
    static PackedClasses open() throws IOException {
        return open(() -> PackedClasses.class.getResourceAsStream(RESOURCE), PackedClasses.class.getClassLoader());
    }

    /**
     * {@return a loader of the classes {@code source} holds, below {@code parent}, or {@code null}
     * when {@code source} has none}
     *
     * @throws IOException when the classes cannot be read
     */
    static PackedClasses open(Source source, ClassLoader parent) throws IOException {
        try (DataInputStream in = read(source)) {
            if (in == null) {
                return null;
            }
            Map<String, Long> index = readIndex(in);
            return new PackedClasses(parent, source, index, readData(in, index));
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(PREFIX)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = define(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        return name.startsWith(RESOURCE_PREFIX) ? PackedClasses.class.getResource("/" + name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (!name.startsWith(RESOURCE_PREFIX)) {
            return super.getResources(name);
        }
        URL found = getResource(name);
        return found == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(found));
    }

    private Class<?> define(String name) throws ClassNotFoundException {
        Long at = index.get(name);
        if (at == null) {
            throw new ClassNotFoundException(name);
        }
        int offset = (int) (at >>> 32);
        int length = (int) (long) at;
        return defineClass(name, data(), offset, length, domain);
    }

    /** The classes' bytes, read again if they went since the last resolution. */
    private byte[] data() throws ClassNotFoundException {
        synchronized (lock) {
            if (pinned != null) {
                return pinned;
            }
            byte[] bytes = data.get();
            if (bytes == null) {
                bytes = readAgain();
                data = new WeakReference<>(bytes);
            }
            if (users > 0) {
                pinned = bytes;
            }
            return bytes;
        }
    }

    private byte[] readAgain() throws ClassNotFoundException {
        try (DataInputStream in = read(source)) {
            if (in == null) {
                throw new ClassNotFoundException(RESOURCE + " is gone from isolate4j-resolver");
            }
            return readData(in, readIndex(in));
        } catch (IOException e) {
            throw new ClassNotFoundException("cannot read " + RESOURCE + " again from isolate4j-resolver", e);
        }
    }

    private static DataInputStream read(Source source) throws IOException {
        InputStream in = source.open();
        return in == null ? null : new DataInputStream(new BufferedInputStream(in, 1 << 16));
    }

    private static Map<String, Long> readIndex(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException(RESOURCE + " of isolate4j-resolver is not of format " + VERSION
                    + "; the jar is damaged or mixes two builds");
        }
        int count = in.readInt();
        Map<String, Long> index = new HashMap<>(count * 4 / 3 + 1);
        long offset = 0;
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            int length = in.readInt();
            index.put(name, offset << 32 | length);
            offset += length;
        }
        return index;
    }

    /** Reads the data that follows the index: the classes' bytes, one after the other. */
    private static byte[] readData(DataInputStream in, Map<String, Long> index) throws IOException {
        long total = 0;
        for (long at : index.values()) {
            total += (int) at;
        }
        byte[] data = new byte[Math.toIntExact(total)];
        in.readFully(data);
        return data;
    }
}
