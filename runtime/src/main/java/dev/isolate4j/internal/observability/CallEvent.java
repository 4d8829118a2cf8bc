package dev.isolate4j.internal.observability;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JFR event for one remote call made by this process. Disabled unless a recording enables
 * {@code dev.isolate4j.Call}: then it is never committed, and the call pays almost nothing.
 */
@Name("dev.isolate4j.Call")
@Label("Remote Call")
@Category({"isolate4j", "RPC"})
@Description("A call this process made to an object in another process")
@Enabled(false)
@StackTrace(false)
public final class CallEvent extends Event {
    /** Creates an event; {@link #begin()} starts its clock. */
    public CallEvent() {}

    /** The extension's name, or the connection's in a child. */
    @Label("Connection")
    @Description("The extension's name, or the connection's in a child")
    public String connection;

    /** The id of the called object. */
    @Label("Object")
    public String object;

    /** The called method's name. */
    @Label("Method")
    public String method;

    /** The size of the serialized arguments. */
    @Label("Request Bytes")
    @DataAmount
    public long requestBytes;

    /** How the call ended: ok, error, timeout, cancelled or interrupted. */
    @Label("Outcome")
    @Description("ok, error, timeout, cancelled or interrupted")
    public String outcome;
}
