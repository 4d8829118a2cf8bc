package dev.isolate4j.processor.roundtrip;

/** A plain super-interface: its methods become remote methods of {@link Calculator}, first. */
public interface Named {
    String name();
}
