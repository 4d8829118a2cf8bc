package dev.isolate4j;

/**
 * Receives download progress while isolated extensions' dependencies are resolved; may be called
 * from several threads at once.
 *
 * <pre>{@code
 * ExtensionManagerConfig.builder()
 *     .envRootPath(root)
 *     .resolutionListener(p -> System.out.printf("%s %.0f%%%n", p.artifact(), p.percent()))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface ResolutionListener {
    /**
     * Called as a download progresses, and once more when it is done.
     *
     * @param progress the state of one download
     */
    void onProgress(ResolutionProgress progress);
}
