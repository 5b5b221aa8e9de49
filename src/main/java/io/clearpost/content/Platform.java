package io.clearpost.content;


import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platforms Clearpost publishes to and what each documents it accepts (DESIGN.md §9): text
 * length, hashtags, a title (the text's first line, where the platform has one), and how many media
 * of which types. The one source of truth for creation's automatic check and for the last check
 * before publishing. Characters are counted as Unicode code points, as the platforms count them.
 */
public enum Platform {
    INSTAGRAM("instagram", 2_200, 5, -1, 1, 10, Set.of(Types.JPEG, Types.MP4, Types.MOV)),
    FACEBOOK("facebook", 63_206, -1, -1, 0, 10, Set.of(Types.JPEG, Types.PNG, Types.GIF, Types.MP4)),
    LINKEDIN("linkedin", 3_000, -1, -1, 0, 9, Set.of(Types.JPEG, Types.PNG, Types.GIF, Types.MP4)),
    X("x", 280, -1, -1, 0, 4, Set.of(Types.JPEG, Types.PNG, Types.GIF, Types.WEBP, Types.MP4)),
    TIKTOK("tiktok", 2_200, -1, -1, 1, 35, Set.of(Types.MP4, Types.MOV, Types.WEBM, Types.JPEG, Types.WEBP)),
    PINTEREST("pinterest", 500, -1, 100, 1, 1, Set.of(Types.JPEG, Types.PNG, Types.WEBP, Types.MP4)),
    YOUTUBE("youtube", 5_000, -1, 100, 1, 1, Set.of(Types.MP4, Types.MOV, Types.WEBM)),
    THREADS("threads", 500, -1, -1, 0, 20, Set.of(Types.JPEG, Types.PNG, Types.MP4, Types.MOV)),
    MASTODON("mastodon", 500, -1, -1, 0, 4, Set.of(Types.JPEG, Types.PNG, Types.GIF, Types.WEBP, Types.MP4, Types.WEBM)),
    WEBHOOK("webhook", 100_000, -1, -1, 0, 100, Set.of());

    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_])#[\\p{L}\\p{N}_]+");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final String key;
    private final int maxTextLength;
    private final int maxHashtags;
    private final int maxTitleLength;
    private final int minMedia;
    private final int maxMedia;
    private final Set<String> mediaTypes;

    Platform(String key, int maxTextLength, int maxHashtags, int maxTitleLength, int minMedia, int maxMedia,
             Set<String> mediaTypes) {
        this.key = key;
        this.maxTextLength = maxTextLength;
        this.maxHashtags = maxHashtags;
        this.maxTitleLength = maxTitleLength;
        this.minMedia = minMedia;
        this.maxMedia = maxMedia;
        this.mediaTypes = mediaTypes;
    }

    public String key() {
        return key;
    }

    public static Optional<Platform> ofKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    /** Every media type some platform takes: what a revision's media may be. */
    public static java.util.SortedSet<String> mediaTypes() {
        java.util.SortedSet<String> all = new java.util.TreeSet<>();
        Arrays.stream(values()).forEach(p -> all.addAll(p.mediaTypes));
        return all;
    }

    /** Whether the platform takes a separate title: the first line of the text. */
    public boolean hasTitle() {
        return maxTitleLength > 0;
    }

    /** The limits this variant breaks, in words a creative understands. */
    public List<String> check(Variant variant) {
        List<String> violations = new ArrayList<>(check(variant.text() == null ? "" : variant.text()));
        List<Variant.Media> media = variant.media() == null ? List.of() : variant.media();
        if (media.size() < minMedia) {
            violations.add(key + ": needs at least " + minMedia + " media (" + String.join(", ", sorted(mediaTypes))
                    + ")");
        }
        if (media.size() > maxMedia) {
            violations.add(key + ": has " + media.size() + " media, the limit is " + maxMedia);
        }
        for (int i = 0; i < media.size(); i++) {
            Variant.Media m = media.get(i);
            if (m.url() == null || !(m.url().startsWith("https://") || m.url().startsWith("http://"))) {
                violations.add(key + ": media " + (i + 1) + " needs an http(s) url");
            }
            if (m.sha256() == null || !SHA256.matcher(m.sha256()).matches()) {
                violations.add(key + ": media " + (i + 1) + " needs the file's sha256 (64 lowercase hex digits)");
            }
            if (!mediaTypes.isEmpty() && (m.type() == null || !mediaTypes.contains(m.type()))) {
                violations.add(key + ": media " + (i + 1) + " is " + m.type() + "; " + key + " takes "
                        + String.join(", ", sorted(mediaTypes)));
            }
        }
        return violations;
    }

    /** The limits this text breaks. */
    public List<String> check(String text) {
        List<String> violations = new ArrayList<>();
        int length = text.codePointCount(0, text.length());
        if (this == YOUTUBE) {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxTextLength) {
                violations.add(key + ": description has " + bytes + " bytes, the limit is " + maxTextLength);
            }
            if (text.contains("<") || text.contains(">")) {
                violations.add(key + ": description must not contain < or >");
            }
        } else if (length > maxTextLength) {
            violations.add(key + ": text has " + length + " characters, the limit is " + maxTextLength);
        }
        if (hasTitle()) {
            String title = title(text);
            int titleLength = title.codePointCount(0, title.length());
            if (titleLength > maxTitleLength) {
                violations.add(key + ": title (the first line) has " + titleLength + " characters, the limit is "
                        + maxTitleLength);
            }
        }
        if (maxHashtags >= 0) {
            Matcher m = HASHTAG.matcher(text);
            int tags = 0;
            while (m.find()) {
                tags++;
            }
            if (tags > maxHashtags) {
                violations.add(key + ": text has " + tags + " hashtags, the limit is " + maxHashtags);
            }
        }
        return violations;
    }

    /** The title of a platform that has one: the text's first line. */
    public static String title(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }

    private static List<String> sorted(Set<String> types) {
        return types.stream().sorted().toList();
    }

    /** Media types the platforms document. */
    interface Types {
        String JPEG = "image/jpeg";
        String PNG = "image/png";
        String GIF = "image/gif";
        String WEBP = "image/webp";
        String MP4 = "video/mp4";
        String MOV = "video/quicktime";
        String WEBM = "video/webm";
    }
}
