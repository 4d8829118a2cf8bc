package dev.isolate4j.examples.api;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.ProxiedSingletons;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the demo's extensions share: batch transformation with progress, and where they run. */
public abstract class PluginSupport extends ExtensionBase implements TextPlugin {
    private final String name;

    protected PluginSupport(String name) {
        this.name = name;
    }

    /** Transforms one line; the library-specific part of each plugin. */
    protected abstract String apply(String text);

    @Override
    public final String transform(String text) {
        ProxiedSingletons.get(VisitLog.class).visit(name);
        return apply(text);
    }

    @Override
    public final CompletableFuture<Report> transformAll(List<String> lines, Progress progress) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> out = new ArrayList<>();
            for (String line : lines) {
                out.add(transform(line));
                progress.step(name, out.size(), lines.size());
            }
            return new Report(name, out, ProxiedSingletons.get(VisitLog.class).visit(name));
        });
    }

    @Override
    public String guavaJar() {
        return jarOf("com.google.common.base.Objects");
    }

    @Override
    public final long pid() {
        return ProcessHandle.current().pid();
    }

    private String jarOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, getClass().getClassLoader());
            String path =
                    type.getProtectionDomain().getCodeSource().getLocation().getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        } catch (ClassNotFoundException e) {
            return "none";
        }
    }
}
