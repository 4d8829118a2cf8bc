package dev.isolate4j.internal.environment;

import dev.isolate4j.ResolutionListener;
import dev.isolate4j.ResolutionProgress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the resolver's transfer events into {@link ResolutionProgress} for the user's listener and
 * into log lines, one per quarter of each download so that the log stays readable.
 */
final class ProgressReporter extends AbstractTransferListener {
    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final String extensionName;
    private final ResolutionListener listener;
    private final Map<TransferResource, Integer> loggedQuarter = new ConcurrentHashMap<>();

    ProgressReporter(String extensionName, ResolutionListener listener) {
        this.extensionName = extensionName;
        this.listener = listener;
    }

    @Override
    public void transferStarted(TransferEvent event) {
        log.info(
                "extension '{}': downloading {} from {}",
                extensionName,
                name(event),
                event.getResource().getRepositoryId());
        report(event, false);
    }

    @Override
    public void transferProgressed(TransferEvent event) {
        ResolutionProgress progress = report(event, false);
        int quarter = (int) (progress.percent() / 25);
        Integer previous = loggedQuarter.put(event.getResource(), quarter);
        if (progress.totalBytes() > 0 && (previous == null || previous != quarter)) {
            log.info(
                    "extension '{}': {} {} of {} bytes ({}%)",
                    extensionName,
                    name(event),
                    progress.bytes(),
                    progress.totalBytes(),
                    Math.round(progress.percent()));
        }
    }

    @Override
    public void transferSucceeded(TransferEvent event) {
        loggedQuarter.remove(event.getResource());
        ResolutionProgress progress = report(event, true);
        log.info("extension '{}': downloaded {} ({} bytes)", extensionName, name(event), progress.bytes());
    }

    @Override
    public void transferFailed(TransferEvent event) {
        loggedQuarter.remove(event.getResource());
        log.debug(
                "extension '{}': {} not in {}",
                extensionName,
                name(event),
                event.getResource().getRepositoryId());
    }

    private ResolutionProgress report(TransferEvent event, boolean done) {
        TransferResource resource = event.getResource();
        ResolutionProgress progress = new ResolutionProgress(
                extensionName,
                name(event),
                resource.getRepositoryId(),
                event.getTransferredBytes(),
                resource.getContentLength(),
                done);
        if (listener != null) {
            listener.onProgress(progress);
        }
        return progress;
    }

    private static String name(TransferEvent event) {
        return event.getResource().getResourceName();
    }
}
