package dev.isolate4j.internal.observability;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** A periodic JFR event: one per running extension, its child JVM's RSS and heap. */
@Name("dev.isolate4j.ExtensionMemory")
@Label("Extension Memory")
@Category({"isolate4j", "Extensions"})
@Description("The resident set and the heap of an extension's child JVM")
@Enabled(false)
@Period("10 s")
@StackTrace(false)
final class MemoryEvent extends Event {
    /** The extension's name. */
    @Label("Extension")
    public String extension;

    /** The child JVM's process id. */
    @Label("Process Id")
    public long pid;

    /** The child's resident set size; -1 when unknown. */
    @Label("RSS")
    @DataAmount
    public long rss;

    /** The child's heap in use. */
    @Label("Heap Used")
    @DataAmount
    public long heapUsed;

    /** The heap the child holds from the system. */
    @Label("Heap Committed")
    @DataAmount
    public long heapCommitted;

    /** The child's maximum heap. */
    @Label("Heap Max")
    @DataAmount
    public long heapMax;

    /** Creates an event. */
    MemoryEvent() {}
}
