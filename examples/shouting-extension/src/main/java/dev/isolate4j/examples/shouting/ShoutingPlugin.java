package dev.isolate4j.examples.shouting;

import com.google.auto.service.AutoService;
import dev.isolate4j.ExtensionBase;
import dev.isolate4j.ExtensionModule;
import dev.isolate4j.ProxiedSingletons;
import dev.isolate4j.examples.api.Report;
import dev.isolate4j.examples.api.TextPlugin;
import dev.isolate4j.examples.api.VisitLog;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** An extension that shouts: upper-cases text. */
@AutoService(ExtensionBase.class)
public final class ShoutingPlugin extends ExtensionBase implements TextPlugin {
    private VisitLog visits;

    @Override
    protected void onModuleLoaded(ExtensionModule module) {
        visits = ProxiedSingletons.get(VisitLog.class); // a proxy to the host's one instance
        System.out.println("shouting plugin loaded from " + module.path().getFileName());
    }

    @Override
    public String transform(String text) {
        visits.visit("shouting");
        return text.toUpperCase(Locale.ROOT) + "!";
    }

    @Override
    public CompletableFuture<Report> transformAll(List<String> lines) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> out = lines.stream().map(this::transform).toList();
            return new Report("shouting", out, visits.visit("shouting"));
        });
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }
}
