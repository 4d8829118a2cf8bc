package dev.isolate4j.examples.mirror;

import com.google.auto.service.AutoService;
import dev.isolate4j.ExtensionBase;
import dev.isolate4j.ExtensionModule;
import dev.isolate4j.ProxiedSingletons;
import dev.isolate4j.examples.api.Report;
import dev.isolate4j.examples.api.TextPlugin;
import dev.isolate4j.examples.api.VisitLog;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An extension that mirrors: reverses text. */
@AutoService(ExtensionBase.class)
public final class MirrorPlugin extends ExtensionBase implements TextPlugin {
    private VisitLog visits;

    @Override
    protected void onModuleLoaded(ExtensionModule module) {
        visits = ProxiedSingletons.get(VisitLog.class);
        System.out.println("mirror plugin loaded from " + module.path().getFileName());
    }

    @Override
    public String transform(String text) {
        visits.visit("mirror");
        return new StringBuilder(text).reverse().toString();
    }

    @Override
    public CompletableFuture<Report> transformAll(List<String> lines) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> out = lines.stream().map(this::transform).toList();
            return new Report("mirror", out, visits.visit("mirror"));
        });
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }
}
