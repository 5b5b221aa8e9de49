package io.clearpost.content;

import io.clearpost.content.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The automatic check after create-content: platform limits, mandatory mentions present, banned
 * terms absent. Returns the findings as sentences for the creative.
 */
final class ContentPolicy {

    private ContentPolicy() {
    }

    static List<String> check(Map<String, Variant> variants, List<String> mandatoryMentions, List<String> bannedTerms) {
        List<String> findings = new ArrayList<>();
        variants.forEach((platformKey, variant) -> {
            String text = variant.text() == null ? "" : variant.text();
            Platform.ofKey(platformKey).ifPresent(platform -> findings.addAll(platform.check(variant)));
            String lower = text.toLowerCase(Locale.ROOT);
            for (String mention : mandatoryMentions) {
                if (!lower.contains(mention.toLowerCase(Locale.ROOT))) {
                    findings.add(platformKey + ": mandatory mention missing: \"" + mention + "\"");
                }
            }
            for (String term : bannedTerms) {
                if (lower.contains(term.toLowerCase(Locale.ROOT))) {
                    findings.add(platformKey + ": banned term used: \"" + term + "\"");
                }
            }
        });
        return findings;
    }
}
