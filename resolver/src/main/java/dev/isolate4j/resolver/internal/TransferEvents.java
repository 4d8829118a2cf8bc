package dev.isolate4j.resolver.internal;

import dev.isolate4j.resolver.Transfer;
import dev.isolate4j.resolver.TransferListener;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;

/** Passes the resolver's transfer events on to a {@link TransferListener} as {@link Transfer}s. */
final class TransferEvents extends AbstractTransferListener {
    private final TransferListener listener;

    TransferEvents(TransferListener listener) {
        this.listener = listener;
    }

    @Override
    public void transferStarted(TransferEvent event) {
        listener.started(transfer(event));
    }

    @Override
    public void transferProgressed(TransferEvent event) {
        listener.progressed(transfer(event));
    }

    @Override
    public void transferSucceeded(TransferEvent event) {
        listener.succeeded(transfer(event));
    }

    @Override
    public void transferFailed(TransferEvent event) {
        listener.failed(transfer(event));
    }

    private static Transfer transfer(TransferEvent event) {
        TransferResource resource = event.getResource();
        return new Transfer(
                resource.getResourceName(),
                resource.getRepositoryId(),
                event.getTransferredBytes(),
                resource.getContentLength());
    }
}
