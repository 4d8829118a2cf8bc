package dev.isolate4j.examples.shouting;

import com.google.auto.service.AutoService;
import dev.isolate4j.ExtensionBase;
import dev.isolate4j.examples.api.PluginSupport;
import java.util.Locale;

/** A plain extension (isolated=false): it runs on the host's class path and needs no library. */
@AutoService(ExtensionBase.class)
public final class ShoutingPlugin extends PluginSupport {
    public ShoutingPlugin() {
        super("shouting");
    }

    @Override
    protected String apply(String text) {
        return text.toUpperCase(Locale.ROOT) + "!";
    }
}
