package dev.isolate4j.internal.child.logging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renames a class in its class file: every constant-pool string that holds its internal name (its
 * own name, descriptors of its fields and methods) gets the new one. Enough for a class without
 * nested classes or lambdas, which is what {@link ExtensionSlf4j} renames: SLF4J 1.7 finds its
 * binding by a fixed class name that the runtime's jar must not hold (the host's own SLF4J 1.7
 * would bind to it).
 */
final class ClassFileRename {
    private ClassFileRename() {}

    static byte[] rename(byte[] classFile, String fromInternalName, String toInternalName) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(classFile.length + 64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(in.readInt()); // magic
            out.writeInt(in.readInt()); // minor and major version
            int count = in.readUnsignedShort();
            out.writeShort(count);
            for (int index = 1; index < count; index++) {
                int tag = in.readUnsignedByte();
                out.writeByte(tag);
                switch (tag) {
                    case 1 -> out.writeUTF(in.readUTF().replace(fromInternalName, toInternalName));
                    case 7, 8, 16, 19, 20 -> copy(in, out, 2);
                    case 15 -> copy(in, out, 3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> copy(in, out, 4);
                    case 5, 6 -> {
                        copy(in, out, 8);
                        index++; // a long or double takes two entries
                    }
                    default ->
                        throw new IllegalArgumentException(
                                "constant-pool tag " + tag + " at entry " + index + " is not a class file's");
                }
            }
            in.transferTo(out);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + fromInternalName + ": truncated class file", e);
        }
    }

    private static void copy(DataInputStream in, DataOutputStream out, int length) throws IOException {
        out.write(in.readNBytes(length));
    }
}
