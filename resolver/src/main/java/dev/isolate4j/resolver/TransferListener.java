package dev.isolate4j.resolver;

/**
 * Told of the resolver's downloads, on the resolver's threads, possibly several at once. Every
 * method does nothing unless overridden.
 */
public interface TransferListener {
    /**
     * A download began.
     *
     * @param transfer the download, with nothing transferred yet
     */
    default void started(Transfer transfer) {}

    /**
     * Some bytes of a download arrived.
     *
     * @param transfer the download, with the bytes transferred so far
     */
    default void progressed(Transfer transfer) {}

    /**
     * A download completed.
     *
     * @param transfer the download, with all its bytes
     */
    default void succeeded(Transfer transfer) {}

    /**
     * A download failed; usually the artifact is not in that repository and the next is tried.
     *
     * @param transfer the download
     */
    default void failed(Transfer transfer) {}
}
