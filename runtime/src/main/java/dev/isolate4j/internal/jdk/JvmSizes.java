package dev.isolate4j.internal.jdk;

import java.util.Locale;

/** Sizes in bytes written as the JVM's options write them ({@code 512m}, {@code 2g}), and shown to people. */
public final class JvmSizes {
    private static final String UNITS = "kmgt";

    private JvmSizes() {}

    /**
     * Parses {@code text}: a number of bytes, or a whole number followed by {@code k}, {@code m}, {@code
     * g} or {@code t} (either case; powers of 1024), as {@code -Xmx} takes it.
     *
     * @param text the size
     * @return the size in bytes
     * @throws IllegalArgumentException when {@code text} is not such a size, or is more than a {@code
     *     long} holds
     */
    public static long parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int end = trimmed.length();
        int shift = 0;
        if (end > 0) {
            int unit = UNITS.indexOf(Character.toLowerCase(trimmed.charAt(end - 1)));
            if (unit >= 0) {
                shift = 10 * (unit + 1);
                end--;
            }
        }
        String digits = trimmed.substring(0, end);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + text + "' is not a size: give a number of bytes, or a whole"
                    + " number followed by k, m, g or t, as for -Xmx (e.g. 512m, 2g)");
        }
        try {
            long number = Long.parseLong(digits);
            if (number > Long.MAX_VALUE >> shift) {
                throw new NumberFormatException();
            }
            return number << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size: give at most 8191t");
        }
    }

    /**
     * {@return {@code bytes} for people} In the largest binary unit that shows it exactly, such as
     * {@code 512 MiB}, or with one decimal above 1 KiB otherwise ({@code 1.5 GiB}).
     *
     * @param bytes the size
     */
    public static String format(long bytes) {
        String[] names = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        int unit = 0;
        while (unit + 1 < names.length && bytes >= 1024L << (10 * (unit + 1))) {
            unit++;
        }
        long size = 1024L << (10 * unit);
        if (bytes % size == 0) {
            return bytes / size + " " + names[unit];
        }
        return String.format(Locale.ROOT, "%.1f %s", bytes / (double) size, names[unit]);
    }
}
