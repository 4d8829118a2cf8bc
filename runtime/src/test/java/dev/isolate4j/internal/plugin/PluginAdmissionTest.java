package dev.isolate4j.internal.plugin;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.PluginPolicy;
import dev.isolate4j.SandboxMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PluginAdmission}: a descriptor is granted what it asks within the policy, and refused beyond it. */
class PluginAdmissionTest {
    /** Stands for a host singleton: admission matches names, the planner checks the annotation later. */
    interface VisitLog {}

    private static final Path JAR = Path.of("/plugins/ocr.jar");

    @TempDir
    Path tmp;

    private static PluginDescriptor descriptor(
            boolean network, List<Path> writable, String maxHeap, List<String> apis) {
        return new PluginDescriptor("ocr", true, apis, List.of(), network, writable, maxHeap);
    }

    private static String refusal(PluginPolicy policy, PluginDescriptor descriptor) {
        return assertThrows(PluginRefusal.class, () -> new PluginAdmission(policy).admit(JAR, descriptor))
                .getMessage();
    }

    @Test
    void grantsExactlyWhatIsAskedWithinThePolicy() throws Exception {
        Path root = tmp.resolve("data");
        PluginPolicy policy = PluginPolicy.builder()
                .network(true)
                .writableRoots(List.of(root))
                .maxHeap("1g")
                .apis(VisitLog.class)
                .sandboxMode(SandboxMode.REQUIRED)
                .repositories(List.of("https://repo.example.com/maven2/"))
                .build();

        ExtensionConfig config = new PluginAdmission(policy)
                .admit(JAR, descriptor(false, List.of(root.resolve("ocr")), "256m", List.of(VisitLog.class.getName())));

        assertThat(config.name()).isEqualTo("ocr");
        assertThat(config.modulePath()).isEqualTo(JAR);
        assertThat(config.isolated()).isTrue();
        assertThat(config.sandbox().network()).isFalse(); // allowed, not asked: not granted
        assertThat(config.sandbox().writablePaths()).containsExactly(root.resolve("ocr"));
        assertThat(config.sandbox().mode()).isEqualTo(SandboxMode.REQUIRED);
        assertThat(config.maxHeap()).isEqualTo("256m");
        assertThat(config.apis()).containsExactly(VisitLog.class);
        assertThat(config.repositories()).containsExactly("https://repo.example.com/maven2/");
    }

    @Test
    void networkBeyondThePolicyIsRefused() {
        assertThat(refusal(PluginPolicy.defaults(), descriptor(true, List.of(), null, List.of())))
                .isEqualTo("plugin jar " + JAR + ": META-INF/isolate4j/extension.properties asks network=true,"
                        + " which the host's PluginPolicy does not allow");
    }

    @Test
    void aWritablePathOutsideTheRootsIsRefused() {
        PluginPolicy policy = PluginPolicy.builder()
                .writableRoots(List.of(tmp.resolve("data")))
                .build();

        assertThat(refusal(policy, descriptor(false, List.of(tmp.resolve("database")), null, List.of())))
                .contains("asks writablePaths " + tmp.resolve("database") + ", which is under none of the host's"
                        + " PluginPolicy writableRoots");
        assertThat(refusal(PluginPolicy.defaults(), descriptor(false, List.of(Path.of("/tmp/x")), null, List.of())))
                .contains("writableRoots []");
    }

    @Test
    void aWritablePathThatLinksOutOfTheRootsIsRefused() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("data"));
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(root.resolve("link"), outside);
        PluginPolicy policy =
                PluginPolicy.builder().writableRoots(List.of(root)).build();

        assertThat(refusal(policy, descriptor(false, List.of(link), null, List.of())))
                .contains("leads (through a symbolic link) outside the host's PluginPolicy writableRoots");
    }

    @Test
    void aHeapBeyondThePolicyIsRefused() {
        PluginPolicy policy = PluginPolicy.builder().maxHeap("256m").build();

        assertThat(refusal(policy, descriptor(false, List.of(), "1g", List.of())))
                .contains("asks maxHeap=1g, more than the host's PluginPolicy allows (256m)");
    }

    @Test
    void noHeapAskedGetsTheDefaultCappedByThePolicy() throws Exception {
        PluginDescriptor plain = descriptor(false, List.of(), null, List.of());

        assertThat(new PluginAdmission(PluginPolicy.defaults())
                        .admit(JAR, plain)
                        .maxHeap())
                .isEqualTo(ExtensionConfig.DEFAULT_MAX_HEAP);
        assertThat(new PluginAdmission(PluginPolicy.builder().maxHeap("128m").build())
                        .admit(JAR, plain)
                        .maxHeap())
                .isEqualTo("128m");
    }

    @Test
    void anApiThePolicyDoesNotOfferIsRefused() {
        PluginPolicy policy = PluginPolicy.builder().apis(VisitLog.class).build();

        assertThat(refusal(policy, descriptor(false, List.of(), null, List.of("com.acme.Secrets"))))
                .contains("asks apis com.acme.Secrets, which the host's PluginPolicy does not offer; offered: ["
                        + VisitLog.class.getName() + "]");
    }

    @Test
    void aPolicyWithARelativeRootIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PluginPolicy.builder()
                        .writableRoots(List.of(Path.of("data")))
                        .build());

        assertThat(e).hasMessageThat().contains("writable root data is relative");
    }
}
