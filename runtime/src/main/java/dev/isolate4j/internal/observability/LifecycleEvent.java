package dev.isolate4j.internal.observability;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A JFR event for a change in an extension's life: start, stop, crash, restart. */
@Name("dev.isolate4j.ExtensionLifecycle")
@Label("Extension Lifecycle")
@Category({"isolate4j", "Extensions"})
@Description("An extension started, stopped, crashed or was restarted")
@Enabled(false)
@StackTrace(false)
final class LifecycleEvent extends Event {
    /** The extension's name. */
    @Label("Extension")
    public String extension;

    /** What happened: start, stop, crash or restart. */
    @Label("Change")
    @Description("start, stop, crash or restart")
    public String change;

    /** The extension's process id. */
    @Label("Process Id")
    public long pid;

    /** Creates an event. */
    public LifecycleEvent() {}

    /**
     * Commits one event when a recording wants it.
     *
     * @param extension the extension's name
     * @param change start, stop, crash or restart
     * @param pid the extension's process id
     */
    public static void record(String extension, String change, long pid) {
        LifecycleEvent event = new LifecycleEvent();
        if (event.isEnabled()) {
            event.extension = extension;
            event.change = change;
            event.pid = pid;
            event.commit();
        }
    }
}
