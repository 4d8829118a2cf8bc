package dev.isolate4j.benchmarks.harness;

import java.rmi.Remote;
import java.rmi.RemoteException;
import java.util.List;

/** The RMI baseline: the same calls as the isolate4j benchmark's, over Java RMI. */
public interface RmiService extends Remote {
    String echo(String value) throws RemoteException;

    double mean(double[] values) throws RemoteException;

    double meanOfList(List<Double> values) throws RemoteException;

    byte[] echoBytes(byte[] bytes) throws RemoteException;
}
