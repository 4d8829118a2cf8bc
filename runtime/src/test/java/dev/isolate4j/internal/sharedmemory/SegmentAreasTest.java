package dev.isolate4j.internal.sharedmemory;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.internal.framing.BodyAdmission;
import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.framing.FrameException;
import dev.isolate4j.internal.framing.FrameReader;
import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.framing.FrameWriter;
import dev.isolate4j.internal.framing.SegmentBoxes;
import dev.isolate4j.internal.framing.SegmentOutbox;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ends of a connection's segment areas, as the host and its child hold them, in a directory
 * in {@code /dev/shm}: segments cross whole, one at a time, and a peer that breaks the area fails a
 * frame, never the process.
 */
class SegmentAreasTest {
    private static final int SEGMENT_BYTES = 3 << 20;

    Path directory;
    AreaFiles files;
    SegmentAreas host;
    SegmentAreas child;

    @BeforeEach
    void createAreas() throws IOException {
        directory = Files.createTempDirectory(Path.of("/dev/shm"), "segment-areas-test-");
        files = AreaFiles.createIn(directory);
        host = SegmentAreas.forHost(files);
        child = SegmentAreas.forChild(directory);
    }

    @AfterEach
    void remove() throws IOException {
        host.close();
        child.close();
        files.close();
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    @Test
    void aSegmentPlacedByOneSideIsTakenWholeByTheOther() throws IOException {
        byte[] segment = randomBytes(SEGMENT_BYTES, 1);

        long ticket = host.boxes().outbox().place(segment);

        assertThat(ticket).isGreaterThan(0L);
        assertThat(child.boxes().inbox().take(ticket, segment.length)).isEqualTo(segment);
        byte[] answer = randomBytes(SEGMENT_BYTES + 5, 2);
        long answerTicket = child.boxes().outbox().place(answer);
        assertThat(host.boxes().inbox().take(answerTicket, answer.length)).isEqualTo(answer);
    }

    @Test
    void aChildThatPlacedNoSegmentClosesItsAreaWithoutMappingIt() throws IOException {
        Path childsArea = directory.resolve(AreaFiles.TO_HOST);
        child.close();
        assertThat(mappedByThisJvm(childsArea)).isFalse();

        // The check can tell: a child that placed a segment has its area mapped, and empties it.
        SegmentAreas used = SegmentAreas.forChild(directory);
        assertThat(used.boxes().outbox().place(new byte[SEGMENT_BYTES])).isGreaterThan(0L);
        assertThat(mappedByThisJvm(childsArea)).isTrue();
        assertThat(Files.size(childsArea)).isGreaterThan(AreaFiles.HEADER_BYTES);
        used.close();
        assertThat(Files.size(childsArea)).isEqualTo(AreaFiles.HEADER_BYTES);
    }

    /** Whether {@code file} appears among this JVM's mappings (Linux, which the areas need). */
    private static boolean mappedByThisJvm(Path file) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(line -> line.endsWith(file.toString()));
    }

    @Test
    void aSegmentOfferedBeforeThePeerTookTheLastIsLeftToItsFrame() throws IOException {
        SegmentOutbox outbox = host.boxes().outbox();
        long first = outbox.place(randomBytes(SEGMENT_BYTES, 1));

        assertThat(outbox.place(randomBytes(SEGMENT_BYTES, 2))).isEqualTo(SegmentOutbox.NOT_PLACED);

        child.boxes().inbox().take(first, SEGMENT_BYTES);
        byte[] next = randomBytes(SEGMENT_BYTES, 3);
        long second = outbox.place(next);
        assertThat(second).isEqualTo(first + 1);
        assertThat(child.boxes().inbox().take(second, next.length)).isEqualTo(next);
    }

    @Test
    @Timeout(10) // a segment left in its frame would block the write into the pipe, whose reader reads later
    void framesCarryATicketInsteadOfTheSegmentAndAReaderThatRefusesOneLetsThePeerPlaceTheNext() throws IOException {
        Pipe pipe = Pipe.open();
        FrameWriter writer = new FrameWriter(pipe.sink(), host.boxes().outbox());
        FrameReader reader = new FrameReader(
                pipe.source(), 64 << 20, BodyAdmission.ALL, child.boxes().inbox());
        byte[] segment = randomBytes(SEGMENT_BYTES, 4);

        // Written whole into the pipe, whose buffer holds 64 KiB: the segment is not in the frame.
        writer.write(FrameType.CALL, 7, segment, utf8("header"));
        Frame frame = reader.read();

        assertThat(frame.callId()).isEqualTo(7);
        assertThat(StandardCharsets.UTF_8.decode(frame.body()).toString()).isEqualTo("header");
        assertThat(frame.segment()).isEqualTo(segment);

        FrameReader refusing = new FrameReader(
                pipe.source(),
                64 << 20,
                (type, wire, heap) -> "no room",
                child.boxes().inbox());
        writer.write(FrameType.CALL, 8, randomBytes(SEGMENT_BYTES, 5), utf8("header"));
        assertThat(refusing.read().refusal()).isEqualTo("no room");
        // Both frames' segments went through the area (tickets 1 and 2), and both were let go.
        assertThat(host.boxes().outbox().place(segment)).isEqualTo(3L);
    }

    @Test
    void anAreaSmallerThanItsFrameSaysFailsThatFrameWithTheSizes() throws IOException {
        long ticket = host.boxes().outbox().place(randomBytes(SEGMENT_BYTES, 1));

        FrameException e =
                assertThrows(FrameException.class, () -> child.boxes().inbox().take(ticket, SEGMENT_BYTES * 4));

        assertThat(e).hasMessageThat().contains("a segment of " + SEGMENT_BYTES * 4 + " bytes was placed");
        assertThat(e).hasMessageThat().contains("which holds " + SEGMENT_BYTES + " bytes");
    }

    @Test
    void aChildThatCutsItsAreaShortFailsTheFrameWithTheSizesNotTheHost() throws IOException {
        long ticket = child.boxes().outbox().place(randomBytes(SEGMENT_BYTES, 1));
        cutShort(AreaFiles.TO_HOST, 10);

        // The host reads a child's area with pread, never through a mapping, which would fault.
        FrameException e =
                assertThrows(FrameException.class, () -> host.boxes().inbox().take(ticket, SEGMENT_BYTES));

        assertThat(e).hasMessageThat().contains("a segment of " + SEGMENT_BYTES + " bytes was placed");
        assertThat(e).hasMessageThat().contains("which holds 10 bytes");
    }

    @Test
    void theHostsAreaCutShortUnderItsMappingIsFilledAgainBeforeTheNextSegment() throws IOException {
        // Only an unsandboxed child can write the host's file (a sandbox binds it read-only).
        SegmentOutbox outbox = host.boxes().outbox();
        child.boxes().inbox().take(outbox.place(randomBytes(SEGMENT_BYTES, 1)), SEGMENT_BYTES);
        cutShort(AreaFiles.TO_CHILD, 0);

        byte[] next = randomBytes(SEGMENT_BYTES, 2);
        long ticket = outbox.place(next);

        assertThat(ticket).isNotEqualTo(SegmentOutbox.NOT_PLACED);
        assertThat(child.boxes().inbox().take(ticket, next.length)).isEqualTo(next);
    }

    private void cutShort(String file, int segmentBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(directory.resolve(file), StandardOpenOption.WRITE)) {
            channel.truncate(AreaFiles.HEADER_BYTES + segmentBytes);
        }
    }

    @Test
    void smallAndOversizedSegmentsAndAreasNotInMemoryStayInTheirFrames(@TempDir Path onDisk) throws IOException {
        assertThat(host.boxes().outbox().place(new byte[SegmentAreas.MAX_SEGMENT_BYTES + 1]))
                .isEqualTo(SegmentOutbox.NOT_PLACED);
        if ("tmpfs".equals(Files.getFileStore(onDisk).type())) {
            String reason = "skipped: the temporary directory " + onDisk + " is in memory too";
            System.out.println("SegmentAreasTest: " + reason);
            Assumptions.abort(reason);
        }
        assertThat(AreaFiles.createIn(onDisk)).isNull();
        assertThat(SegmentAreas.forHost(null).boxes()).isSameInstanceAs(SegmentBoxes.NONE);
        try (var files = Files.list(onDisk)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
