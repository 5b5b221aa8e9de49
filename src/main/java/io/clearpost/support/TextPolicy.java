package io.clearpost.support;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

import java.util.Optional;

/**
 * The one text policy of the API. {@link #problem} says why a text is refused at the edge (it is then
 * never stored, so a revision hash always covers exactly the accepted text); {@link #comparable} is the
 * form the content check compares on; {@link #hasBidiControl} finds characters that reorder what is displayed.
 */
public final class TextPolicy {

    /** NFKC with case folding; it also drops default-ignorable characters (zero-width, soft hyphen, bidi controls). */
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    /** Unicode TR 39 confusable skeletons: Cyrillic "а" and Latin "a" get the same skeleton. */
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();

    private TextPolicy() {
    }

    /**
     * Why the text cannot be accepted, or empty: an unpaired UTF-16 surrogate (what invalid UTF-8 is read as),
     * a control character other than tab and line feed (NUL, ESC, DEL, C1 controls), or a noncharacter.
     */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, text.charAt(++i));
                    if ((cp & 0xFFFE) == 0xFFFE) {
                        return Optional.of("must not contain the noncharacter U+" + hex(cp));
                    }
                    continue;
                }
                return Optional.of("must be valid Unicode: unpaired surrogate or invalid UTF-8 at character " + i);
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("must be valid Unicode: unpaired surrogate or invalid UTF-8 at character " + i);
            }
            if (c == '\t' || c == '\n') {
                continue;
            }
            if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
                return Optional.of("must not contain the control character U+" + hex(c) + " at character " + i);
            }
            if (c >= 0xFDD0 && c <= 0xFDEF || c == 0xFFFE || c == 0xFFFF) {
                return Optional.of("must not contain the noncharacter U+" + hex(c));
            }
        }
        return Optional.empty();
    }

    /** Throws {@link InvalidInput} naming the field when {@link #problem} finds one. */
    public static String require(String field, String text) {
        if (text != null) {
            problem(text).ifPresent(p -> {
                throw new InvalidInput(field, p);
            });
        }
        return text;
    }

    /**
     * The form the content check compares on: NFKC, case folded, invisible and format characters removed,
     * every run of whitespace one space, and each character mapped to its TR 39 confusable skeleton.
     * Never stored and never published: texts keep their original form.
     */
    public static String comparable(String text) {
        String folded = NFKC_CASEFOLD.normalize(text);
        String skeleton = CONFUSABLES.getSkeleton(withoutFormat(folded));
        // the skeleton is NFD; fold again so the two sides of a comparison always meet in one form
        return collapseWhitespace(NFKC_CASEFOLD.normalize(withoutFormat(skeleton)));
    }

    /** Embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) and the marks LRM, RLM, ALM. */
    public static boolean hasBidiControl(String text) {
        return text.codePoints().anyMatch(TextPolicy::isBidiControl);
    }

    static boolean isBidiControl(int cp) {
        return cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069
                || cp == 0x200E || cp == 0x200F || cp == 0x061C;
    }

    private static String withoutFormat(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> Character.getType(cp) != Character.FORMAT).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String collapseWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = true;
                continue;
            }
            if (space && !out.isEmpty()) {
                out.append(' ');
            }
            space = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    private static String hex(int cp) {
        return String.format("%04X", cp);
    }
}
