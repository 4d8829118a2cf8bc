package dev.isolate4j.internal.cgroup;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.HardLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a child's group holds, written into a fake tree. */
class CgroupFilesTest {
    private static final HardLimits LIMITS =
            HardLimits.builder().memory("512m").cpus(1.5).processes(64).build();

    @TempDir
    Path temp;

    @Test
    void v2LimitsAreWrittenToOneGroupWithTheControllersHandedDown() throws IOException {
        FakeTree tree = v2();
        Path parent = temp.resolve("sys/fs/cgroup/app");

        ChildCgroup cgroup = ChildCgroup.create(
                "isolate4j-ocr-1",
                LIMITS,
                tree.detect(),
                FakeTree.kernel("memory.max", "memory.swap.max", "memory.oom.group", "cpu.max", "pids.max"));

        Path group = parent.resolve("isolate4j-ocr-1");
        assertThat(cgroup.directories()).containsExactly(group);
        assertThat(read(parent.resolve("cgroup.subtree_control"))).isEqualTo("+memory +cpu +pids");
        assertThat(read(group.resolve("memory.max"))).isEqualTo(Long.toString(512L << 20));
        assertThat(read(group.resolve("memory.swap.max"))).isEqualTo("0");
        assertThat(read(group.resolve("memory.oom.group"))).isEqualTo("1");
        assertThat(read(group.resolve("cpu.max"))).isEqualTo("150000 100000");
        assertThat(read(group.resolve("pids.max"))).isEqualTo("64");
    }

    @Test
    void v2ControllersAlreadyHandedDownAreNotWrittenAgain() throws IOException {
        FakeTree tree = v2();
        Path control = tree.file("sys/fs/cgroup/app/cgroup.subtree_control", "memory pids\n");

        ChildCgroup.create("g", HardLimits.builder().processes(40).build(), tree.detect(), FakeTree.kernel("pids.max"));

        assertThat(read(control)).isEqualTo("memory pids\n");
    }

    @Test
    void v1LimitsAreWrittenToAGroupPerHierarchy() throws IOException {
        FakeTree tree = v1();

        ChildCgroup cgroup = ChildCgroup.create(
                "g",
                LIMITS,
                tree.detect(),
                FakeTree.kernel(
                        "memory.limit_in_bytes",
                        "memory.memsw.limit_in_bytes",
                        "cpu.cfs_period_us",
                        "cpu.cfs_quota_us",
                        "pids.max"));

        Path memory = temp.resolve("sys/fs/cgroup/memory/process_api/4a85/g");
        Path cpu = temp.resolve("sys/fs/cgroup/cpu/g");
        Path pids = temp.resolve("sys/fs/cgroup/pids/g");
        assertThat(cgroup.directories()).containsExactly(memory, cpu, pids).inOrder();
        assertThat(read(memory.resolve("memory.limit_in_bytes"))).isEqualTo("536870912");
        assertThat(read(memory.resolve("memory.memsw.limit_in_bytes"))).isEqualTo("536870912");
        assertThat(read(cpu.resolve("cpu.cfs_period_us"))).isEqualTo("100000");
        assertThat(read(cpu.resolve("cpu.cfs_quota_us"))).isEqualTo("150000");
        assertThat(read(pids.resolve("pids.max"))).isEqualTo("64");
    }

    @Test
    void onlyTheLimitedControllersGetAGroup() throws IOException {
        ChildCgroup cgroup = ChildCgroup.create(
                "g",
                HardLimits.builder().cpus(0.25).build(),
                v1().detect(),
                FakeTree.kernel("cpu.cfs_period_us", "cpu.cfs_quota_us"));

        assertThat(cgroup.directories()).containsExactly(temp.resolve("sys/fs/cgroup/cpu/g"));
        assertThat(read(temp.resolve("sys/fs/cgroup/cpu/g/cpu.cfs_quota_us"))).isEqualTo("25000");
        assertThat(cgroup.jvmOptions()).containsExactly("-XX:ActiveProcessorCount=1");
    }

    @Test
    void aFileTheKernelDidNotMakeIsNamedAndTheGroupsAreRemoved() throws IOException {
        FakeTree tree = v1();

        // No kernel: the group has no files, as when the controller is not enabled for it.
        CgroupUnavailableException e = assertThrows(
                CgroupUnavailableException.class,
                () -> ChildCgroup.create("g", LIMITS, tree.detect(), FakeTree.kernel()));

        Path file = temp.resolve("sys/fs/cgroup/memory/process_api/4a85/g/memory.limit_in_bytes");
        assertThat(e)
                .hasMessageThat()
                .contains("hard memory limit of 512 MiB cannot be enforced: could not write" + " 536870912 to " + file
                        + " (it does not exist)");
        assertThat(Files.exists(file.getParent())).isFalse();
    }

    @Test
    void withNoLimitsNothingIsMadeAndThePrefixIsEmpty() throws IOException {
        ChildCgroup cgroup = ChildCgroup.create("ocr", HardLimits.none(), v1().detect());

        assertThat(cgroup.directories()).isEmpty();
        assertThat(cgroup.commandPrefix()).isEmpty();
        assertThat(cgroup.remove()).isTrue();
    }

    @Test
    void theGroupsNameKeepsWhatIsSafeOfTheExtensionsName() {
        assertThat(ChildCgroup.groupName("my ocr/../x")).matches("isolate4j-my_ocr_\\.\\._x-[0-9a-f]{8}");
        assertThat(ChildCgroup.groupName("x".repeat(100))).matches("isolate4j-x{40}-[0-9a-f]{8}");
    }

    @Test
    void thePrefixJoinsEachGroupAndRunsTheCommandInTheSameProcess() throws Exception {
        FakeTree tree = v1WithSpaces();
        ChildCgroup cgroup = ChildCgroup.create(
                "g",
                LIMITS,
                tree.detect(),
                FakeTree.kernel(
                        "memory.limit_in_bytes", "cpu.cfs_period_us", "cpu.cfs_quota_us", "pids.max", "cgroup.procs"));
        List<String> command = new java.util.ArrayList<>(cgroup.commandPrefix());
        command.addAll(List.of("/bin/sh", "-c", "echo $$ \"$1\"", "sh", "an argument"));

        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(0);
        assertThat(output).isEqualTo(process.pid() + " an argument\n");
        for (Path group : cgroup.directories()) {
            assertThat(read(group.resolve("cgroup.procs"))).isEqualTo(process.pid() + "\n");
        }
    }

    @Test
    void aGroupThatCannotBeJoinedStopsTheChildWithItsStatus() throws Exception {
        FakeTree tree = v1();
        // No cgroup.procs: the shell cannot write it.
        ChildCgroup cgroup = ChildCgroup.create(
                "g", HardLimits.builder().processes(40).build(), tree.detect(), FakeTree.kernel("pids.max"));
        Files.createDirectory(cgroup.directories().get(0).resolve("cgroup.procs"));
        List<String> command = new java.util.ArrayList<>(cgroup.commandPrefix());
        command.addAll(List.of("/bin/echo", "ran"));

        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(ChildCgroup.JOIN_FAILED_STATUS);
        assertThat(output).doesNotContain("ran");
        assertThat(output).contains("cgroup.procs");
    }

    @Test
    void v2OomKillsAreReadFromMemoryEventsAndKeptOverRemoval() throws IOException {
        ChildCgroup cgroup = ChildCgroup.create(
                "g", HardLimits.builder().memory("64m").build(), v2().detect(), FakeTree.kernel("memory.max"));
        Path group = cgroup.directories().get(0);
        assertThat(cgroup.oomKilled()).isFalse();
        Files.writeString(group.resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\n");

        // The kernel's files are never deleted: with them present, the group stays.
        assertThat(cgroup.remove(Duration.ZERO)).isFalse();
        assertThat(Files.exists(group.resolve("memory.events"))).isTrue();
        FakeTree.unmake(group);
        assertThat(cgroup.remove(Duration.ZERO)).isTrue();

        assertThat(Files.exists(group)).isFalse();
        assertThat(cgroup.memoryLimitHit()).isTrue();
        assertThat(cgroup.oomKilled()).isTrue();
        assertThat(cgroup.memoryKill())
                .hasValue("the kernel killed it at its hard memory limit of 64 MiB (HardLimits)");
    }

    @Test
    void v1OomKillsAreReadFromOomControlOrElseTheFailureCount() throws IOException {
        ChildCgroup cgroup = ChildCgroup.create(
                "g",
                HardLimits.builder().memory("64m").build(),
                v1().detect(),
                FakeTree.kernel("memory.limit_in_bytes"));
        Path group = cgroup.directories().get(0);
        Files.writeString(group.resolve("memory.failcnt"), "3\n");
        Files.writeString(group.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");

        assertThat(cgroup.memoryLimitHit()).isTrue();
        assertThat(cgroup.oomKilled()).isFalse();

        // A kernel before 4.13 does not count kills: reaching the limit is the best sign there is.
        Files.writeString(group.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\n");
        assertThat(cgroup.oomKilled()).isTrue();
    }

    private FakeTree v2() throws IOException {
        FakeTree tree = new FakeTree(temp).proc("29 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n", "0::/app\n");
        tree.file("sys/fs/cgroup/app/cgroup.controllers", "cpu io memory pids\n");
        tree.file("sys/fs/cgroup/app/cgroup.subtree_control", "\n");
        return tree;
    }

    private FakeTree v1() throws IOException {
        FakeTree tree =
                new FakeTree(temp).proc(CgroupDetectionTest.HYBRID_MOUNTINFO, CgroupDetectionTest.HYBRID_CGROUP);
        tree.directory("sys/fs/cgroup/memory/process_api/4a85");
        tree.directory("sys/fs/cgroup/cpu");
        tree.directory("sys/fs/cgroup/pids");
        return tree;
    }

    private FakeTree v1WithSpaces() throws IOException {
        FakeTree tree = new FakeTree(temp)
                .proc(
                        "35 31 0:32 / /cg/my\\040memory rw - cgroup cgroup rw,memory\n"
                                + "32 31 0:29 / /cg/cpu rw - cgroup cgroup rw,cpu\n"
                                + "39 31 0:36 / /cg/pids rw - cgroup cgroup rw,pids\n",
                        "8:pids:/\n4:memory:/a b\n1:cpu:/\n");
        tree.directory("cg/my memory/a b");
        tree.directory("cg/cpu");
        tree.directory("cg/pids");
        return tree;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
