package dev.isolate4j.internal.rpc;

import dev.isolate4j.annotations.Callee;

/** Stands for a later version of {@link Echo}: same object, a method with another signature. */
@Callee
public interface EchoV2 {
    String echo(String text, int times);
}
