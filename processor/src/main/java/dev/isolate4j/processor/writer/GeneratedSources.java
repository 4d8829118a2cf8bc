package dev.isolate4j.processor.writer;

import com.palantir.javapoet.JavaFile;
import dev.isolate4j.processor.model.InterfaceModel;
import java.util.List;

/** The three files generated for one remote interface: its descriptor, proxy and dispatcher. */
public final class GeneratedSources {
    private final DescriptorWriter descriptorWriter = new DescriptorWriter();
    private final ProxyWriter proxyWriter = new ProxyWriter();
    private final DispatcherWriter dispatcherWriter = new DispatcherWriter();

    /**
     * Writes the three files of {@code model}'s interface.
     *
     * @param model the interface
     * @return the descriptor, proxy and dispatcher, in that order
     */
    public List<JavaFile> write(InterfaceModel model) {
        return List.of(descriptorWriter.write(model), proxyWriter.write(model), dispatcherWriter.write(model));
    }
}
