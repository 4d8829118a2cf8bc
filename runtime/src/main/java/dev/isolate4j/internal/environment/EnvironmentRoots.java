package dev.isolate4j.internal.environment;

import dev.isolate4j.internal.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one environment resolves, from its {@link Environments.Spec}: the listed dependencies, and
 * before them, when the module itself comes from Maven, the module's coordinates. Three cases:
 *
 * <ul>
 *   <li>an {@code artifact}: its coordinates come first, and the first file resolved is the module;
 *   <li>a jar with no {@code dependencies} that carries its POM: the jar's coordinates come first,
 *       and the jar and its POM stand in for the artifact (a workspace, as Maven's reactor has), so
 *       that the POM's parent and imports are resolved as Maven would, and nothing is installed;
 *   <li>otherwise the dependencies alone, the module being the given jar or directory.
 * </ul>
 *
 * @param module the given module, or {@code null} for an artifact
 * @param pom the jar's own POM when it is followed, or {@code null}
 * @param coordinates what to resolve, the module's coordinates first when {@link #moduleResolved}
 * @param moduleResolved whether the first resolved file is the module
 * @param fingerprint what the module's resolution depends on, for {@link Fingerprint}
 */
record EnvironmentRoots(
        Path module, EmbeddedPom pom, List<String> coordinates, boolean moduleResolved, List<String> fingerprint) {

    /** The file the jar's POM is written to in the environment's directory, for the resolver to read. */
    private static final String POM_FILE = "module-pom.xml";

    static EnvironmentRoots of(Environments.Spec spec) throws IOException {
        List<String> dependencies = spec.dependencies().stream()
                .map(d -> Coordinate.parse(d).toString())
                .toList();
        if (spec.artifact() != null) {
            List<String> coordinates = new ArrayList<>();
            coordinates.add(Coordinate.parse(spec.artifact()).toString());
            coordinates.addAll(dependencies);
            return new EnvironmentRoots(null, null, coordinates, true, List.of("artifact " + spec.artifact()));
        }
        if (dependencies.isEmpty()) {
            EmbeddedPom pom = EmbeddedPom.of(spec.module()).orElse(null);
            if (pom != null) {
                return new EnvironmentRoots(
                        spec.module(),
                        pom,
                        List.of(pom.coordinates()),
                        true,
                        List.of("pom " + pom.coordinates() + " " + Sha256.hex(pom.content(), 32)));
            }
        }
        return new EnvironmentRoots(spec.module(), null, dependencies, false, List.of());
    }

    /**
     * The files that stand in for artifacts: the jar and its POM, written to {@code directory}.
     *
     * @param directory the environment's directory, locked
     * @return by {@code group:artifact:extension:version}; empty when no POM is followed
     */
    Map<String, Path> workspace(Path directory) throws IOException {
        if (pom == null) {
            return Map.of();
        }
        Path pomFile = directory.resolve(POM_FILE);
        Files.writeString(pomFile, pom.content(), StandardCharsets.UTF_8);
        String prefix = pom.groupId() + ":" + pom.artifactId() + ":";
        return Map.of(prefix + "pom:" + pom.version(), pomFile, prefix + "jar:" + pom.version(), module);
    }

    /** {@return what is resolved, as messages name it} */
    String describe(Environments.Spec spec) {
        if (spec.artifact() != null) {
            return "the artifact " + spec.artifact()
                    + (spec.dependencies().isEmpty() ? "" : " and the dependencies " + spec.dependencies());
        }
        if (pom != null) {
            return "the runtime dependencies declared by " + pom.describe() + " (" + pom.coordinates() + ")";
        }
        return "the dependencies " + spec.dependencies();
    }

    /** {@return how to mend a failed resolution} */
    String remedy() {
        if (pom != null) {
            return "; make its parent, imports and dependencies resolvable (mvn install them, or add their repository"
                    + " with repositories(...)), or list the extension's dependencies(...) yourself";
        }
        return "";
    }
}
