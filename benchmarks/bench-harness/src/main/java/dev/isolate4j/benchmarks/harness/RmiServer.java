package dev.isolate4j.benchmarks.harness;

import dev.isolate4j.benchmarks.api.Means;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.rmi.Remote;
import java.rmi.server.UnicastRemoteObject;
import java.util.Base64;
import java.util.List;

/**
 * The RMI baseline's server JVM: exports an {@link RmiService} on loopback TCP and prints {@code
 * READY <stub>}, the serialized stub (no registry, no fixed port); exits when its stdin closes.
 */
public final class RmiServer implements RmiService {
    private RmiServer() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        ChildJvm.exitWhenParentGone();
        RmiServer server = new RmiServer();
        Remote stub = UnicastRemoteObject.exportObject(server, 0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(stub);
        }
        ChildJvm.ready(Base64.getEncoder().encodeToString(bytes.toByteArray()));
        Thread.currentThread().join(); // RMI's threads serve; the stdin watcher ends the process
    }

    static RmiService decodeStub(String encoded) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(Base64.getDecoder().decode(encoded)))) {
            return (RmiService) in.readObject();
        }
    }

    @Override
    public String echo(String value) {
        return value;
    }

    @Override
    public double mean(double[] values) {
        return Means.of(values);
    }

    @Override
    public double meanOfList(List<Double> values) {
        return Means.of(values);
    }

    @Override
    public byte[] echoBytes(byte[] bytes) {
        return bytes;
    }
}
