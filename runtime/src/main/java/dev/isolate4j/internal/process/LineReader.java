package dev.isolate4j.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines of at most {@code maxBytes} bytes each: of a longer line it keeps
 * the start, marks the cut with {@code "… (N bytes cut)"}, and drops the rest as it reads it, so
 * that memory stays bounded whatever the stream holds ({@code BufferedReader.readLine} holds the
 * whole line first). A {@code \r} before the {@code \n} is dropped; bytes are decoded as UTF-8.
 */
final class LineReader {
    private final InputStream in;
    private final byte[] chunk = new byte[8192];
    private final byte[] line;
    private int chunkStart;
    private int chunkEnd;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.line = new byte[maxBytes];
    }

    /** {@return the next line, or {@code null} at the end of the stream} */
    String next() throws IOException {
        int kept = 0;
        long dropped = 0;
        boolean any = false;
        while (true) {
            if (chunkStart == chunkEnd) {
                int read = in.read(chunk);
                if (read < 0) {
                    return any ? text(kept, dropped) : null;
                }
                chunkStart = 0;
                chunkEnd = read;
            }
            any = true;
            int newline = indexOfNewline();
            int end = newline < 0 ? chunkEnd : newline;
            int copied = Math.min(end - chunkStart, line.length - kept);
            System.arraycopy(chunk, chunkStart, line, kept, copied);
            kept += copied;
            dropped += end - chunkStart - copied;
            if (newline >= 0) {
                chunkStart = newline + 1;
                return text(kept, dropped);
            }
            chunkStart = chunkEnd;
        }
    }

    private int indexOfNewline() {
        for (int i = chunkStart; i < chunkEnd; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private String text(int kept, long dropped) {
        int length = dropped == 0 && kept > 0 && line[kept - 1] == '\r' ? kept - 1 : kept;
        String text = new String(Arrays.copyOf(line, length), StandardCharsets.UTF_8);
        return dropped == 0 ? text : text + "… (" + dropped + " bytes cut)";
    }
}
