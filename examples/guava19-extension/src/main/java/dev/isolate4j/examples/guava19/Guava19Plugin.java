package dev.isolate4j.examples.guava19;

import com.google.auto.service.AutoService;
import com.google.common.base.Objects;
import dev.isolate4j.ExtensionBase;
import dev.isolate4j.examples.api.PluginSupport;

/** Needs Guava 19: {@code Objects.toStringHelper} was removed in Guava 21. */
@AutoService(ExtensionBase.class)
public final class Guava19Plugin extends PluginSupport {
    public Guava19Plugin() {
        super("guava-19");
    }

    @Override
    @SuppressWarnings("deprecation")
    protected String apply(String text) {
        return Objects.toStringHelper("Text").add("length", text.length()).toString();
    }
}
