package dev.isolate4j.internal.rpc;

/**
 * How a connection's messages name its two ends: this side, and the side across the socket. A
 * connection is named after its extension on both sides (its threads and log lines say so), but
 * "refused by ocr" is wrong when the host refused, and "stream 1 from ocr" when the host sent it.
 *
 * <pre>{@code
 * Ends.host("ocr").self();   // "the host"
 * Ends.child("ocr").self();  // "extension 'ocr'"
 * }</pre>
 *
 * @param self this side, as a message names it
 * @param peer the other side
 */
public record Ends(String self, String peer) {
    /**
     * The host's end of a connection to an extension's child.
     *
     * @param extension the extension's name
     * @return "the host" here, the extension there
     */
    public static Ends host(String extension) {
        return new Ends("the host", "extension '" + extension + "'");
    }

    /**
     * The child's end of its connection to the host.
     *
     * @param extension the name of the extension the child runs
     * @return the extension here, "the host" there
     */
    public static Ends child(String extension) {
        return host(extension).reversed();
    }

    /**
     * A connection between two ends that are only named, as in tests.
     *
     * @param name this side's name
     * @return {@code name} here, "the peer of {@code name}" there
     */
    public static Ends named(String name) {
        return new Ends(name, "the peer of " + name);
    }

    /** {@return the same ends, seen from the other side} */
    public Ends reversed() {
        return new Ends(peer, self);
    }
}
