package dev.isolate4j.internal.cgroup;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.HardLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupDetectionTest {
    /** The v1 layout of the machines isolate4j is built on, with a cgroup2 mount that offers only hugetlb. */
    static final String HYBRID_MOUNTINFO = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;

    static final String HYBRID_CGROUP = """
            9:name=systemd:/
            8:pids:/
            4:memory:/process_api/4a85
            2:cpuacct:/
            1:cpu:/
            0::/
            """;

    @TempDir
    Path temp;

    @Test
    void v1ControllersAreFoundInTheirOwnMountsAtTheProcesssPath() throws IOException {
        FakeTree tree = hybrid();

        HostCgroups host = tree.detect();

        assertThat(host.placement(Controller.MEMORY))
                .isEqualTo(new HostCgroups.Placement(
                        Controller.MEMORY, false, temp.resolve("sys/fs/cgroup/memory/process_api/4a85")));
        assertThat(host.placement(Controller.CPU).group()).isEqualTo(temp.resolve("sys/fs/cgroup/cpu"));
        assertThat(host.placement(Controller.PIDS).group()).isEqualTo(temp.resolve("sys/fs/cgroup/pids"));
    }

    @Test
    void aV2HierarchyWithoutTheControllerLeavesItToV1() throws IOException {
        FakeTree tree = hybrid();

        HostCgroups host = tree.detect();

        // The unified mount offers hugetlb only: memory, cpu and pids are v1's.
        assertThat(host.placement(Controller.MEMORY).unified()).isFalse();
        assertThat(host.placement(Controller.PIDS).unified()).isFalse();
    }

    @Test
    void v2ControllersAreFoundInTheUnifiedHierarchy() throws IOException {
        FakeTree tree = new FakeTree(temp)
                .proc(
                        "29 23 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n",
                        "0::/user.slice/user-1000.slice/run-1.scope\n");
        Path group = tree.directory("sys/fs/cgroup/user.slice/user-1000.slice/run-1.scope");
        tree.file("sys/fs/cgroup/user.slice/user-1000.slice/run-1.scope/cgroup.controllers", "cpu io memory pids\n");

        HostCgroups host = tree.detect();

        for (Controller controller : Controller.values()) {
            assertThat(host.placement(controller)).isEqualTo(new HostCgroups.Placement(controller, true, group));
        }
    }

    @Test
    void theHostsOwnLeafIsNotTheChildrensParent() throws IOException {
        // After the host moved itself into isolate4j-host, its children still go beside it.
        FakeTree tree = new FakeTree(temp)
                .proc("29 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n", "0::/app/isolate4j-host\n");
        Path app = tree.directory("sys/fs/cgroup/app/isolate4j-host").getParent();
        tree.file("sys/fs/cgroup/app/cgroup.controllers", "memory pids\n");

        HostCgroups host = tree.detect();

        assertThat(host.placement(Controller.MEMORY).group()).isEqualTo(app);
        assertThat(host.unavailableReason(Controller.CPU)).isPresent();
    }

    @Test
    void aMountOfTheProcesssOwnGroupMapsToTheMountPoint() throws IOException {
        // Docker without a cgroup namespace: the container's group is the root of what is mounted.
        FakeTree tree = new FakeTree(temp)
                .proc(
                        "700 690 0:32 /docker/abc /sys/fs/cgroup/memory ro,nosuid - cgroup cgroup rw,memory\n"
                                + "701 690 0:29 /docker/abc /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n",
                        "4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc/worker\n");
        tree.directory("sys/fs/cgroup/memory");
        Path worker = tree.directory("sys/fs/cgroup/cpu,cpuacct/worker");

        HostCgroups host = tree.detect();

        assertThat(host.placement(Controller.MEMORY).group()).isEqualTo(temp.resolve("sys/fs/cgroup/memory"));
        assertThat(host.placement(Controller.CPU).group()).isEqualTo(worker);
    }

    @Test
    void aGroupOutsideTheMountedPartIsNotMapped() {
        Mount mount = new Mount("/docker/abc", "/sys/fs/cgroup/memory", "cgroup", Set.of("memory"));

        assertThat(HostCgroups.map(temp, mount, "/docker/other")).isEmpty();
        assertThat(HostCgroups.map(temp, mount, "/docker/abcdef")).isEmpty();
        assertThat(HostCgroups.map(temp, mount, "/../..")).isEmpty();
        assertThat(HostCgroups.map(temp, mount, "/docker/abc/x")).hasValue(temp.resolve("sys/fs/cgroup/memory/x"));
    }

    @Test
    void escapedMountPointsAreDecoded() {
        List<Mount> mounts =
                Mount.parseAll("50 31 0:40 / /mnt/my\\040cgroups rw shared:5 master:1 - cgroup2 cgroup2 rw\n");

        assertThat(mounts).containsExactly(new Mount("/", "/mnt/my cgroups", "cgroup2", Set.of("rw")));
    }

    @Test
    void withoutCgroupsTheErrorSaysWhatWasLookedForAndWhatToDo() throws IOException {
        FakeTree tree = new FakeTree(temp).proc("22 1 0:21 / /proc rw - proc proc rw\n", "0::/\n");

        CgroupUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(
                CgroupUnavailableException.class,
                () -> ChildCgroup.create(
                        "ocr", HardLimits.builder().memory("512m").build(), tree.detect()));

        assertThat(e).hasMessageThat().startsWith("the hard memory limit of 512 MiB cannot be enforced: ");
        assertThat(e).hasMessageThat().contains("no cgroup v2 hierarchy is mounted");
        assertThat(e).hasMessageThat().contains("a mount of type cgroup with option memory in /proc/self/mountinfo");
        assertThat(e).hasMessageThat().contains("systemd-run --user --scope -p Delegate=yes");
        assertThat(e).hasMessageThat().contains("remove the limit");
    }

    @Test
    void withoutProcTheReasonSaysCgroupsAreLinuxOnly() {
        HostCgroups host = HostCgroups.detect(temp);

        assertThat(host.unavailableReason(Controller.PIDS).orElseThrow()).contains("cgroups exist on Linux only");
    }

    private FakeTree hybrid() throws IOException {
        FakeTree tree = new FakeTree(temp).proc(HYBRID_MOUNTINFO, HYBRID_CGROUP);
        tree.directory("sys/fs/cgroup/memory/process_api/4a85");
        tree.directory("sys/fs/cgroup/cpu");
        tree.directory("sys/fs/cgroup/pids");
        tree.file("sys/fs/cgroup/unified/cgroup.controllers", "hugetlb\n");
        return tree;
    }
}
