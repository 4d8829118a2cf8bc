/**
 * SharedBuffer's files in /dev/shm: who owns them, when they go, and how they cross a call as a mapping, not a copy; and each connection's segment areas (SegmentAreas), through which large arrays cross with fewer copies than through the socket. Internal: not part of the API.
 */
package dev.isolate4j.internal.sharedmemory;
