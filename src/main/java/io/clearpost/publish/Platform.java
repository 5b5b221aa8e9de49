package io.clearpost.publish;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platforms Clearpost publishes to and the text limits each documents (DESIGN.md §9).
 * Characters are counted as Unicode code points, as the platforms count them.
 */
public enum Platform {
    INSTAGRAM("instagram", 2_200, 5),
    FACEBOOK("facebook", 63_206, -1),
    LINKEDIN("linkedin", 3_000, -1),
    X("x", 280, -1),
    TIKTOK("tiktok", 2_200, -1),
    PINTEREST("pinterest", 500, -1),
    YOUTUBE("youtube", 5_000, -1),
    THREADS("threads", 500, -1),
    MASTODON("mastodon", 500, -1),
    WEBHOOK("webhook", 100_000, -1);

    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_])#[\\p{L}\\p{N}_]+");

    private final String key;
    private final int maxTextLength;
    private final int maxHashtags;

    Platform(String key, int maxTextLength, int maxHashtags) {
        this.key = key;
        this.maxTextLength = maxTextLength;
        this.maxHashtags = maxHashtags;
    }

    public String key() {
        return key;
    }

    public static Optional<Platform> ofKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    /** The limits this platform's text breaks, in words a creative understands. */
    public List<String> check(String text) {
        List<String> violations = new ArrayList<>();
        int length = text.codePointCount(0, text.length());
        if (length > maxTextLength) {
            violations.add(key + ": text has " + length + " characters, the limit is " + maxTextLength);
        }
        if (this == YOUTUBE && (text.contains("<") || text.contains(">"))) {
            violations.add(key + ": description must not contain < or >");
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
}
