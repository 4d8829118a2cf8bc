package dev.isolate4j.examples.guava33;

import com.google.auto.service.AutoService;
import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import dev.isolate4j.ExtensionBase;
import dev.isolate4j.examples.api.PluginSupport;

/** Needs a recent Guava: {@code Splitter.splitToStream} and {@code toImmutableList} came after 19. */
@AutoService(ExtensionBase.class)
public final class Guava33Plugin extends PluginSupport {
    public Guava33Plugin() {
        super("guava-33");
    }

    @Override
    protected String apply(String text) {
        ImmutableList<String> words = Splitter.on(' ').splitToStream(text).collect(ImmutableList.toImmutableList());
        return words.reverse().toString();
    }
}
