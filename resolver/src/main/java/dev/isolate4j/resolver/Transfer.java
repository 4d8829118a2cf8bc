package dev.isolate4j.resolver;

/**
 * One download of the resolver, as it stands when a {@link TransferListener} is told.
 *
 * @param resourceName the file's path in its repository
 * @param repositoryId the id of the repository it comes from
 * @param transferredBytes the bytes transferred so far
 * @param contentLength the file's length, or -1 when not known
 */
public record Transfer(String resourceName, String repositoryId, long transferredBytes, long contentLength) {}
