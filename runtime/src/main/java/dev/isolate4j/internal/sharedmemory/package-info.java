/**
 * SharedBuffer's files in /dev/shm: who owns them, when they go, and how they cross a call as a mapping, not a copy. Internal: not part of the API.
 */
package dev.isolate4j.internal.sharedmemory;
