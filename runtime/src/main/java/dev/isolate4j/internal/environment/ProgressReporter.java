package dev.isolate4j.internal.environment;

import dev.isolate4j.ResolutionListener;
import dev.isolate4j.ResolutionProgress;
import dev.isolate4j.resolver.Transfer;
import dev.isolate4j.resolver.TransferListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the resolver's transfer events into {@link ResolutionProgress} for the user's listener and
 * into log lines, one per quarter of each download so that the log stays readable.
 */
final class ProgressReporter implements TransferListener {
    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final String extensionName;
    private final ResolutionListener listener;
    /** Keyed by repository and resource: the transfers of one resolution. */
    private final Map<String, Integer> loggedQuarter = new ConcurrentHashMap<>();

    ProgressReporter(String extensionName, ResolutionListener listener) {
        this.extensionName = extensionName;
        this.listener = listener;
    }

    @Override
    public void started(Transfer transfer) {
        log.info(
                "extension '{}': downloading {} from {}",
                extensionName,
                transfer.resourceName(),
                transfer.repositoryId());
        report(transfer, false);
    }

    @Override
    public void progressed(Transfer transfer) {
        ResolutionProgress progress = report(transfer, false);
        int quarter = (int) (progress.percent() / 25);
        Integer previous = loggedQuarter.put(key(transfer), quarter);
        if (progress.totalBytes() > 0 && (previous == null || previous != quarter)) {
            log.info(
                    "extension '{}': {} {} of {} bytes ({}%)",
                    extensionName,
                    transfer.resourceName(),
                    progress.bytes(),
                    progress.totalBytes(),
                    Math.round(progress.percent()));
        }
    }

    @Override
    public void succeeded(Transfer transfer) {
        loggedQuarter.remove(key(transfer));
        ResolutionProgress progress = report(transfer, true);
        log.info("extension '{}': downloaded {} ({} bytes)", extensionName, transfer.resourceName(), progress.bytes());
    }

    @Override
    public void failed(Transfer transfer) {
        loggedQuarter.remove(key(transfer));
        log.debug("extension '{}': {} not in {}", extensionName, transfer.resourceName(), transfer.repositoryId());
    }

    private ResolutionProgress report(Transfer transfer, boolean done) {
        ResolutionProgress progress = new ResolutionProgress(
                extensionName,
                transfer.resourceName(),
                transfer.repositoryId(),
                transfer.transferredBytes(),
                transfer.contentLength(),
                done);
        if (listener != null) {
            listener.onProgress(progress);
        }
        return progress;
    }

    private static String key(Transfer transfer) {
        return transfer.repositoryId() + " " + transfer.resourceName();
    }
}
