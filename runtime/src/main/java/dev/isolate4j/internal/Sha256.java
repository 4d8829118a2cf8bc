package dev.isolate4j.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, for the names and keys the runtime derives from paths and inputs. */
public final class Sha256 {
    private Sha256() {}

    /** {@return a new SHA-256 digest} */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The first {@code bytes} bytes of the digest of {@code text}, in hex.
     *
     * @param text hashed as UTF-8
     * @param bytes how many bytes of the digest to keep, at most 32
     * @return {@code 2 * bytes} hex digits
     */
    public static String hex(String text, int bytes) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)), 0, bytes);
    }
}
