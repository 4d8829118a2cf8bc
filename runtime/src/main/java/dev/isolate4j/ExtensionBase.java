package dev.isolate4j;

import dev.isolate4j.internal.child.ChildSession;
import dev.isolate4j.internal.child.ExtensionAccess;
import java.util.concurrent.CompletableFuture;

/**
 * Base class of every extension. The extension class extends it, implements the manager's
 * {@code @Callee} extension interface, and is listed in the module's {@code
 * META-INF/services/dev.isolate4j.ExtensionBase}, the {@link java.util.ServiceLoader} format:
 *
 * <pre>{@code
 * @AutoService(ExtensionBase.class)
 * public final class HelloExtension extends ExtensionBase implements Greeter {
 *   @Override
 *   protected void onModuleLoaded(ExtensionModule module) {
 *     registerCallee(new Clock(), "clock");          // the host reaches it with createCaller
 *   }
 *
 *   @Override
 *   public String greet(String name) {
 *     return "Hello, " + name + " from pid " + ProcessHandle.current().pid();
 *   }
 * }
 * }</pre>
 *
 * <p>Everything here runs in the extension's own process. The hooks run in order, before {@code
 * loadExtension} returns in the host: {@link #beforeModuleLoaded()}, then {@link
 * #onModuleLoaded(ExtensionModule)}; an exception from either fails the load with that exception.
 */
public abstract class ExtensionBase {
    static {
        ExtensionAccess.install(new ExtensionAccess() {
            @Override
            public void attach(ExtensionBase extension, ChildSession session) {
                extension.session = session;
            }

            @Override
            public void beforeModuleLoaded(ExtensionBase extension) throws Exception {
                extension.beforeModuleLoaded();
            }

            @Override
            public void onModuleLoaded(ExtensionBase extension, ExtensionModule module) throws Exception {
                extension.onModuleLoaded(module);
            }
        });
    }

    private volatile ChildSession session;

    /** Creates the extension; the child calls the subclass's public constructor without parameters. */
    protected ExtensionBase() {}

    /**
     * Runs first, in the extension's process, before {@link #onModuleLoaded}. The connection to the
     * host is up: singletons listed in {@code apis} can be called already. Empty by default.
     *
     * @throws Exception to fail the load; the host's {@code loadExtension} throws it
     */
    protected void beforeModuleLoaded() throws Exception {}

    /**
     * Runs after {@link #beforeModuleLoaded()}, before the host's {@code loadExtension} returns:
     * register callees and set up state here. Empty by default.
     *
     * @param module the loaded extension's module
     * @throws Exception to fail the load; the host's {@code loadExtension} throws it
     */
    protected void onModuleLoaded(ExtensionModule module) throws Exception {}

    /**
     * Makes {@code instance} callable from the host under {@code objectId}; the host reaches it with
     * {@code ExtensionHandle.createCaller}. {@code instance} must implement exactly one {@code
     * @Callee} interface; use {@link #registerCallee(Class, Object, String)} to choose one.
     *
     * @param instance the object to call
     * @param objectId the id the host reaches it by
     * @throws IllegalArgumentException when the id is taken, or the interface is not clear
     */
    public final void registerCallee(Object instance, String objectId) {
        session().registerCallee(instance, objectId);
    }

    /**
     * Makes {@code instance} callable from the host under {@code objectId}, as a {@code type}.
     *
     * @param <C> the callee interface
     * @param type the {@code @Callee} interface the host calls it through
     * @param instance the object to call
     * @param objectId the id the host reaches it by
     * @throws IllegalArgumentException when the id is taken
     */
    public final <C> void registerCallee(Class<C> type, C instance, String objectId) {
        session().registerCallee(type, instance, objectId);
    }

    /**
     * A proxy for the object the host registered under {@code objectId}.
     *
     * <pre>{@code
     * HostService host = createCaller(HostService.class, "host_service");
     * String answer = host.doSomething("data");
     * }</pre>
     *
     * @param <C> the callee interface
     * @param type the {@code @Callee} interface the host's object implements
     * @param objectId the id the host registered it under
     * @return the proxy
     */
    public final <C> C createCaller(Class<C> type, String objectId) {
        return session().createCaller(type, objectId);
    }

    /**
     * Makes {@code ProxiedSingletons.get(singletonType)} return a proxy to the host's instance in
     * this process; {@code ExtensionConfig.apis} does this for the singletons it lists.
     *
     * @param singletonType the {@code @ProxiedSingleton} interface
     */
    public final void useRemote(Class<?> singletonType) {
        session().useRemote(singletonType);
    }

    /**
     * Sends an event to the host's handlers registered with {@code
     * ExtensionManager.addEventHandler(name, handler)}; returns without waiting for them. The payload
     * must be serializable: JDK types, or application types that appear in one of the extension's
     * remote interfaces.
     *
     * <pre>{@code
     * emitEvent("progress", 42);
     * }</pre>
     *
     * @param name the event's name, as the host's handlers are registered under
     * @param payload the event's payload, or {@code null}
     */
    public final void emitEvent(String name, Object payload) {
        session().emitEvent(name, payload);
    }

    /**
     * Stops the extension: closes the connection to the host, after which the process exits. The host
     * calls this when it stops the extension; override it to release resources, and call {@code
     * super.stop()}.
     *
     * @return a future completed when the connection is closed
     */
    public CompletableFuture<Void> stop() {
        return session().stop();
    }

    private ChildSession session() {
        ChildSession current = session;
        if (current == null) {
            throw new IllegalStateException(getClass().getName()
                    + " is not running as an extension: ExtensionBase methods work in the extension's process,"
                    + " once the host's ExtensionManager.loadExtension has started it");
        }
        return current;
    }
}
