import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step of isolate4j-resolver, run on the shaded jar (a single-file program: {@code java
 * PackClasses.java <jar>}): moves every class under {@code dev/isolate4j/resolver/internal/} out of
 * the jar's entries into one resource, {@code dev/isolate4j/resolver/internal.classes}, which {@code
 * PackedClasses} reads at once and defines from. Every other entry is copied as it was, in order.
 *
 * <p>The resource: the int {@code 0x49344a50} ("I4JP"), the format's version (1), the number of
 * classes, then for each its binary name (modified UTF-8, as {@code DataOutput.writeUTF}) and its
 * length, then the classes' bytes one after the other, in the same order.
 */
public class PackClasses {
    private static final String PREFIX = "dev/isolate4j/resolver/internal/";
    private static final String RESOURCE = "dev/isolate4j/resolver/internal.classes";
    private static final int MAGIC = 0x49344a50;
    private static final int VERSION = 1;

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path packed = jar.resolveSibling(jar.getFileName() + ".packed");
        ByteArrayOutputStream index = new ByteArrayOutputStream();
        DataOutputStream indexOut = new DataOutputStream(index);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int count = 0;
        long time = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(packed))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                time = Math.max(time, entry.getTime());
                if (name.startsWith(PREFIX) && name.endsWith(".class")) {
                    byte[] bytes = in.readAllBytes();
                    indexOut.writeUTF(
                            name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                    indexOut.writeInt(bytes.length);
                    data.write(bytes);
                    count++;
                } else {
                    ZipEntry copy = new ZipEntry(name);
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            if (count == 0) {
                throw new IOException(jar + " holds no class under " + PREFIX + ": is it the shaded jar?");
            }
            ZipEntry resource = new ZipEntry(RESOURCE);
            resource.setTime(time);
            out.putNextEntry(resource);
            DataOutputStream header = new DataOutputStream(out);
            header.writeInt(MAGIC);
            header.writeInt(VERSION);
            header.writeInt(count);
            header.flush();
            index.writeTo(out);
            data.writeTo(out);
            out.closeEntry();
        }
        Files.move(packed, jar, StandardCopyOption.REPLACE_EXISTING);
    }
}
