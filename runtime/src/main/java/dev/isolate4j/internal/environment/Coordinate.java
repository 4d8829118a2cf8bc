package dev.isolate4j.internal.environment;

import java.util.regex.Pattern;

/**
 * A Maven coordinate {@code group:artifact[:extension[:classifier]]:version}, parsed strictly: a
 * dependency list may come from an untrusted source, and anything that is not plainly a coordinate
 * (shell characters, paths, URLs, option-like strings, empty parts) is refused with a message
 * that names the entry.
 */
public record Coordinate(String groupId, String artifactId, String extension, String classifier, String version) {
    private static final Pattern NAME_CHARACTERS = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");
    private static final Pattern PLAIN_VERSION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-+]*");
    private static final String ONE_RANGE = "[\\[(][A-Za-z0-9_.\\-+,]*[\\])]";
    /** One range, or several separated by commas: {@code [1.0,2.0),[3.0,)}. */
    private static final Pattern RANGE = Pattern.compile(ONE_RANGE + "(," + ONE_RANGE + ")*");

    private static final String FORM = "group:artifact[:extension[:classifier]]:version";

    /**
     * Parses {@code text}.
     *
     * @param text a coordinate {@code group:artifact[:ext[:classifier]]:version}
     * @return the coordinate
     *
     * @throws IllegalArgumentException naming {@code text}, the rule it breaks and the accepted form
     */
    public static Coordinate parse(String text) {
        if (text == null || text.isEmpty()) {
            throw refused(text, "it is empty");
        }
        if (text.contains("://") || text.contains("/") || text.contains("\\")) {
            throw refused(text, "it looks like a path or URL; give repository URLs in repositories()");
        }
        if (text.startsWith("-")) {
            throw refused(text, "it starts with '-' like a command-line option");
        }
        String[] parts = text.split(":", -1);
        if (parts.length < 3 || parts.length > 5) {
            throw refused(text, "it has " + parts.length + " parts separated by ':', not 3 to 5");
        }
        String version = parts[parts.length - 1];
        String extension = parts.length >= 4 ? parts[2] : "jar";
        String classifier = parts.length == 5 ? parts[3] : "";
        check(text, "group", parts[0]);
        check(text, "artifact", parts[1]);
        check(text, "extension", extension);
        if (parts.length == 5) {
            check(text, "classifier", classifier);
        }
        if (!PLAIN_VERSION.matcher(version).matches() && !RANGE.matcher(version).matches()) {
            throw refused(
                    text,
                    "version '" + version + "' is neither a version (letters, digits, '.', '-', '_',"
                            + " '+') nor a range such as [1.0,2.0)");
        }
        return new Coordinate(parts[0], parts[1], extension, classifier, version);
    }

    /** The form Maven Resolver's {@code DefaultArtifact} parses. */
    @Override
    public String toString() {
        return classifier.isEmpty()
                ? groupId + ":" + artifactId + ":" + extension + ":" + version
                : groupId + ":" + artifactId + ":" + extension + ":" + classifier + ":" + version;
    }

    private static void check(String text, String part, String value) {
        if (value.isEmpty()) {
            throw refused(text, "its " + part + " is empty");
        }
        if (!NAME_CHARACTERS.matcher(value).matches()) {
            throw refused(
                    text,
                    "its " + part + " '" + value + "' holds characters other than letters, digits,"
                            + " '.', '-' and '_'");
        }
        if (!NAME.matcher(value).matches()) {
            throw refused(text, "its " + part + " '" + value + "' must start with a letter, a digit or '_'");
        }
    }

    private static IllegalArgumentException refused(String text, String reason) {
        return new IllegalArgumentException(
                "dependency '" + text + "' is not a Maven coordinate " + FORM + ": " + reason);
    }
}
