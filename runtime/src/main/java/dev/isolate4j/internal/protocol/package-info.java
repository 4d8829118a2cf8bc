/**
 * What host and child say to each other: one type per frame body, its encoding and decoding side
 * by side. Frames themselves (length, type, call id, segment) are {@code internal.framing}'s.
 *
 * <table>
 *   <caption>Frame types and their bodies</caption>
 *   <tr><th>frame</th><th>direction</th><th>body</th></tr>
 *   <tr><td>HELLO</td><td>child → host, first</td><td>{@link dev.isolate4j.internal.protocol.Hello}</td></tr>
 *   <tr><td>READY</td><td>child → host</td><td>{@link dev.isolate4j.internal.protocol.Ready}</td></tr>
 *   <tr><td>LOAD_FAILED</td><td>child → host</td><td>{@link dev.isolate4j.internal.protocol.RemoteErrors}</td></tr>
 *   <tr><td>SHUTDOWN</td><td>host → child</td><td>empty</td></tr>
 *   <tr><td>CALL</td><td>either</td><td>{@link dev.isolate4j.internal.protocol.CallHeader}, then the
 *       arguments' payload ({@code internal.serialization}), then the frame's segment, if any</td></tr>
 *   <tr><td>RESULT</td><td>either</td><td>the result's payload, then the segment, if any</td></tr>
 *   <tr><td>ERROR</td><td>either</td><td>{@link dev.isolate4j.internal.protocol.RemoteErrors}</td></tr>
 *   <tr><td>CANCEL</td><td>either</td><td>empty; the call id says which call</td></tr>
 *   <tr><td>RELEASE</td><td>either</td><td>{@link dev.isolate4j.internal.protocol.Release}</td></tr>
 *   <tr><td>EVENT</td><td>child → host</td><td>{@link dev.isolate4j.internal.protocol.Event}</td></tr>
 *   <tr><td>MEMORY_QUERY</td><td>host → child</td><td>empty; the call id pairs it with the answer</td></tr>
 *   <tr><td>MEMORY</td><td>child → host</td><td>{@link dev.isolate4j.internal.protocol.MemoryStatus}</td></tr>
 *   <tr><td>PING</td><td>host → child</td><td>empty; the call id pairs it with the answer</td></tr>
 *   <tr><td>PONG</td><td>child → host</td><td>empty</td></tr>
 *   <tr><td>THREAD_DUMP_QUERY</td><td>host → child</td><td>empty; the call id pairs it with the answer</td></tr>
 *   <tr><td>LOG</td><td>child → host</td><td>{@link dev.isolate4j.internal.protocol.LogEvent}</td></tr>
 *   <tr><td>THREAD_DUMP</td><td>child → host</td><td>{@link dev.isolate4j.internal.protocol.ThreadDump}</td></tr>
 * </table>
 *
 * <p>Internal: not part of the API.
 */
package dev.isolate4j.internal.protocol;
