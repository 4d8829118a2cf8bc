package dev.isolate4j.internal.jdk;

import java.util.Locale;

/** Sizes in the syntax of the JVM's {@code -Xmx}: {@code "512m"}, {@code "2G"}, {@code "65536k"}, bytes. */
public final class JvmSizes {
    private JvmSizes() {}

    /**
     * The bytes {@code value} stands for.
     *
     * @param value a size such as {@code "256m"}
     * @return the bytes, or -1 when {@code value} is not a size (or overflows)
     */
    public static long parse(String value) {
        if (value == null || value.isEmpty()) {
            return -1;
        }
        char unit = Character.toLowerCase(value.charAt(value.length() - 1));
        int shift =
                switch (unit) {
                    case 'k' -> 10;
                    case 'm' -> 20;
                    case 'g' -> 30;
                    case 't' -> 40;
                    default -> 0;
                };
        String digits = shift == 0 ? value : value.substring(0, value.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 18) {
            return -1;
        }
        long number = Long.parseLong(digits);
        return number > (Long.MAX_VALUE >> shift) ? -1 : number << shift;
    }

    /**
     * A size for people: {@code "256 MiB"}, {@code "1.5 GiB"}, {@code "900 KiB"}.
     *
     * @param bytes the size
     * @return the text
     */
    public static String describe(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                    .replace(".0 ", " ");
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20))
                    .replace(".0 ", " ");
        }
        if (bytes >= 1L << 10) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
