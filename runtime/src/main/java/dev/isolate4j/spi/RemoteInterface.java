package dev.isolate4j.spi;

import dev.isolate4j.annotations.GeneratedNames;
import java.util.List;

/**
 * Everything the runtime needs to know about one {@code @Callee} or {@code @ProxiedSingleton}
 * interface, generated at compile time as {@code <Interface>_Descriptor} next to the interface.
 *
 * <p>The runtime finds the descriptor once per interface by its name (see {@link
 * #descriptorClassName(Class)}) and from then on only calls its methods: creating proxies and
 * dispatchers needs no reflection.
 *
 * @param <T> the interface described
 */
public interface RemoteInterface<T> {

    /** {@return the interface described} */
    Class<T> type();

    /**
     * The id under which a {@code @ProxiedSingleton} is registered; for a plain {@code @Callee},
     * the interface's canonical name.
     *
     * @return the id
     */
    String id();

    /** {@return whether the interface is annotated {@code @ProxiedSingleton}} */
    boolean singleton();

    /**
     * The remotely callable methods; a method's index in this list is its method id on the wire.
     * {@code @LocalExecution}, static and {@code Object} methods are not listed.
     *
     * @return the methods, in method id order
     */
    List<MethodDescriptor> methods();

    /**
     * The application types that the methods' parameters and results contain (records, classes,
     * enums, transitively through their fields), which the serializer registers before use.
     * JDK types are not listed: the runtime registers those it supports itself.
     *
     * @return the application types to register
     */
    List<Class<?>> serializedTypes();

    /**
     * The codecs of the records among {@link #serializedTypes()} that the runtime may encode by their
     * components, without Fory (see {@link RecordCodec}). Descriptors generated before codecs
     * existed list none, and their records cross through Fory.
     *
     * @return the codecs, one per record
     */
    default List<RecordCodec<?>> recordCodecs() {
        return List.of();
    }

    /**
     * Whether a value of the methods may need Fory, judged by their declared types: false when every
     * one is a value the runtime writes itself (primitives, strings, arrays and lists of numbers,
     * lists of strings, shared buffers, the interface's enums, records of those, callbacks passing
     * those). A child whose
     * interface needs none does not build Fory ahead of its first use, which saves it about 6 MiB;
     * one that gets such a value all the same builds it then. Descriptors generated before this
     * method existed answer true.
     *
     * @return whether the runtime should have Fory ready for this interface's values
     */
    default boolean valuesNeedFory() {
        return true;
    }

    /**
     * A proxy implementing the interface that forwards every remote method to {@code target}.
     *
     * @param target the remote object to forward to
     * @return the proxy; it also implements {@link RemoteProxy}
     */
    T newProxy(RemoteTarget target);

    /**
     * A dispatcher that invokes {@code implementation}'s methods by method id.
     *
     * @param implementation the local object to invoke
     * @return the dispatcher
     */
    Dispatcher newDispatcher(T implementation);

    /**
     * The binary name of the descriptor class generated for {@code type}: same package, nested type
     * names joined with {@code _}, suffixed {@code _Descriptor}. For {@code com.acme.Outer.Greeter}
     * it is {@code com.acme.Outer_Greeter_Descriptor}.
     *
     * @param type the described interface
     * @return the descriptor's binary class name
     */
    static String descriptorClassName(Class<?> type) {
        return GeneratedNames.binaryName(type, GeneratedNames.DESCRIPTOR);
    }
}
