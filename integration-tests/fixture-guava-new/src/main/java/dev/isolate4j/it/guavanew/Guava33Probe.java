package dev.isolate4j.it.guavanew;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Streams;
import dev.isolate4j.ExtensionBase;
import dev.isolate4j.it.api.ProbeSupport;
import java.util.List;

/** Needs a recent Guava: {@code ImmutableList.toImmutableList} and {@code Streams.mapWithIndex} came after 19. */
@AutoService(ExtensionBase.class)
public final class Guava33Probe extends ProbeSupport {
    @Override
    public String useVersionSpecificApi(List<String> words) {
        ImmutableList<String> numbered = Streams.mapWithIndex(words.stream(), (word, i) -> i + ":" + word)
                .collect(ImmutableList.toImmutableList());
        return String.join(",", numbered);
    }
}
