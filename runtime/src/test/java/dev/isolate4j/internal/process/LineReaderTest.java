package dev.isolate4j.internal.process;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    @Test
    void splitsLinesAndDropsCarriageReturns() throws IOException {
        assertThat(lines("one\ntwo\r\n\nlast", 100))
                .containsExactly("one", "two", "", "last")
                .inOrder();
    }

    @Test
    void aHugeLineCostsTheLimitAndTheNextLineSurvives() throws IOException {
        // 50 MiB without a newline, produced on the fly: the reader must not hold it.
        long huge = 50L << 20;
        InputStream flood = new InputStream() {
            long left = huge;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int count = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + count, (byte) 'x');
                left -= count;
                return count;
            }
        };
        InputStream in = new SequenceInputStream(
                flood, new ByteArrayInputStream("\nnext line\n".getBytes(StandardCharsets.UTF_8)));

        List<String> lines = lines(in, 4096);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("x".repeat(4096) + "… (" + (huge - 4096) + " bytes cut)");
        assertThat(lines.get(1)).isEqualTo("next line");
    }

    private static List<String> lines(String text, int max) throws IOException {
        return lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    }

    private static List<String> lines(InputStream in, int max) throws IOException {
        LineReader reader = new LineReader(in, max);
        List<String> lines = new ArrayList<>();
        for (String line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }
}
