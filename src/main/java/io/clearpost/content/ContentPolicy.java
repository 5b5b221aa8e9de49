package io.clearpost.content;

import io.clearpost.support.TextPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The automatic check after create-content: platform limits, mandatory mentions present, banned
 * terms absent, no bidirectional controls. Returns the findings as sentences for the creative.
 * Mentions and terms are compared on {@link TextPolicy#comparable} forms (NFKC, case folding, TR 39
 * confusable skeletons, invisible characters removed, whitespace runs as one space); a banned term is also
 * found with its words run together. So "guaranteed  returns" with two spaces, a zero-width space, a soft hyphen,
 * full-width letters or a Cyrillic "а" are still caught; the text itself is published as written.
 */
final class ContentPolicy {

    private ContentPolicy() {
    }

    static List<String> check(Map<String, Variant> variants, List<String> mandatoryMentions, List<String> bannedTerms) {
        List<String> findings = new ArrayList<>();
        variants.forEach((platformKey, variant) -> {
            String text = variant.text() == null ? "" : variant.text();
            Platform.ofKey(platformKey).ifPresent(platform -> findings.addAll(platform.check(variant)));
            // a bidi control can make a text display otherwise than it reads: a mention shown reversed is no mention
            if (TextPolicy.hasBidiControl(text)) {
                findings.add(platformKey + ": bidirectional control characters (U+202A–U+202E, U+2066–U+2069, "
                        + "LRM, RLM, ALM) are not allowed: the text would not display as it reads");
            }
            String comparable = TextPolicy.comparable(text);
            for (String mention : mandatoryMentions) {
                if (!comparable.contains(TextPolicy.comparable(mention))) {
                    findings.add(platformKey + ": mandatory mention missing: \"" + mention + "\"");
                }
            }
            // a banned term also counts when its words are run together or parted by an invisible character
            String joined = comparable.replace(" ", "");
            for (String term : bannedTerms) {
                String banned = TextPolicy.comparable(term).replace(" ", "");
                if (!banned.isEmpty() && joined.contains(banned)) {
                    findings.add(platformKey + ": banned term used: \"" + term + "\"");
                }
            }
        });
        return findings;
    }
}
