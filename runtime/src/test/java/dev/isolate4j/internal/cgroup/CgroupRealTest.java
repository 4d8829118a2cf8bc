package dev.isolate4j.internal.cgroup;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.HardLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The kernel's cgroups on this machine: real groups, real processes, real limits. Skipped, saying
 * why, where this user may not make cgroups.
 */
class CgroupRealTest {
    private final List<ChildCgroup> made = new ArrayList<>();

    @AfterEach
    void removeWhatIsLeft() {
        made.forEach(ChildCgroup::remove);
    }

    @Test
    void theChildRunsInItsGroups() throws Exception {
        ChildCgroup cgroup =
                create(HardLimits.builder().memory("256m").cpus(1).processes(64).build());

        Result result = run(cgroup, "cat /proc/$$/cgroup");

        assertThat(result.status()).isEqualTo(0);
        String name = cgroup.directories().get(0).getFileName().toString();
        // One line per limited controller (cpu may share its hierarchy's line with cpuacct).
        List<String> lines = result.output()
                .lines()
                .filter(line -> line.endsWith("/" + name))
                .toList();
        assertThat(lines).hasSize(cgroup.directories().size());
        assertThat(String.join("\n", lines)).contains("memory");
        assertThat(String.join("\n", lines)).contains("pids");
        assertRemoved(cgroup);
    }

    @Test
    void theProcessLimitStopsForks() throws Exception {
        ChildCgroup cgroup =
                create(HardLimits.builder().processes(HardLimits.MIN_PROCESSES).build());

        // 40 sleeping processes beside the shell: the 32nd task is refused. The sleeps do not hold the
        // output open, so the test does not wait for them.
        Result result = run(cgroup, "i=0; while [ $i -lt 40 ]; do sleep 30 > /dev/null 2>&1 & i=$((i+1)); done; wait");

        assertThat(result.status()).isNotEqualTo(0);
        assertThat(result.output()).ignoringCase().contains("fork");
        // The sleeps the shell did start are still in the group: removal kills them.
        assertRemoved(cgroup);
    }

    @Test
    void theMemoryLimitKillsAHogAndSaysSo() throws Exception {
        ChildCgroup cgroup = create(HardLimits.builder().memory("64m").build());

        // tail keeps the last lines, and /dev/zero has no newline: all 300 MiB stay in memory.
        Result result = run(cgroup, "head -c 300m /dev/zero | tail > /dev/null; echo tail $?");

        assertThat(result.output()).contains("tail 137");
        assertThat(cgroup.memoryLimitHit()).isTrue();
        assertThat(cgroup.oomKilled()).isTrue();
        assertThat(cgroup.memoryKill())
                .hasValue("the kernel killed it at its hard memory limit of 64 MiB (HardLimits)");
        assertRemoved(cgroup);
        assertThat(cgroup.oomKilled()).isTrue();
    }

    @Test
    void aChildWithinItsMemoryIsNotReportedKilled() throws Exception {
        ChildCgroup cgroup = create(HardLimits.builder().memory("64m").build());

        Result result = run(cgroup, "head -c 10m /dev/zero | tail > /dev/null; echo tail $?");

        assertThat(result.output()).contains("tail 0");
        assertThat(cgroup.oomKilled()).isFalse();
        assertThat(cgroup.memoryKill()).isEmpty();
        assertRemoved(cgroup);
    }

    @Test
    void theCpuLimitThrottles() throws Exception {
        ChildCgroup cgroup = create(HardLimits.builder().cpus(0.1).build());
        Path cpu = cgroup.directories().get(0);

        long started = System.nanoTime();
        Result result = run(cgroup, "timeout 1 sh -c 'while :; do :; done'; true");

        assertThat(result.status()).isEqualTo(0);
        assertThat(CgroupFiles.keyed(cpu.resolve("cpu.stat"), "nr_throttled").orElseThrow())
                .isGreaterThan(0L);
        // 0.1 CPU for a second of wall-clock time: far less than a second of CPU.
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(5L);
        assertRemoved(cgroup);
    }

    private ChildCgroup create(HardLimits limits) {
        HostCgroups host = HostCgroups.detect();
        ChildCgroup cgroup;
        try {
            cgroup = ChildCgroup.create("real-test", limits, host);
        } catch (CgroupUnavailableException e) {
            Assumptions.abort("cgroups are not usable here, so the real cgroup tests are skipped: " + e.getMessage());
            throw e;
        }
        made.add(cgroup);
        return cgroup;
    }

    private static void assertRemoved(ChildCgroup cgroup) {
        assertThat(cgroup.remove()).isTrue();
        for (Path group : cgroup.directories()) {
            assertThat(Files.exists(group)).isFalse();
        }
    }

    private static Result run(ChildCgroup cgroup, String script) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(cgroup.commandPrefix());
        command.addAll(List.of("/bin/sh", "-c", script));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private record Result(int status, String output) {}
}
