/**
 * Hard limits on a child's memory, CPU and processes through Linux control groups: finding the
 * host's own groups (cgroup v2, or the v1 controllers' mounts), creating one group per child under
 * them, the command prefix that moves the child into it before it runs, and reading back whether the
 * memory limit killed it. Internal: not part of the API.
 */
package dev.isolate4j.internal.cgroup;
