package io.clearpost.content;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The content check compares on a normalised form: every way of writing a banned term that looks the same, or
 * nearly, to a reader is caught; a mandatory mention that displays otherwise than it reads does not count.
 */
class ContentPolicyTest {

    private static final String MENTION = "Capital at risk.";
    private static final List<String> BANNED = List.of("guaranteed returns", "risk-free");

    private static List<String> check(String text) {
        return ContentPolicy.check(Map.of("linkedin", new Variant(text, null, null)), List.of(MENTION), BANNED);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "Guaranteed returns. Capital at risk.",
            "GUARANTEED RETURNS! Capital at risk.",
            "guaranteed  returns (two spaces). Capital at risk.",
            "guaranteed\u00A0returns (no-break space). Capital at risk.",
            "guaranteed\u200Breturns (zero-width space). Capital at risk.",
            "guaranteed\u200B returns (zero-width space and space). Capital at risk.",
            "guaranteed\nreturns (newline). Capital at risk.",
            "guaranteed\t\n  returns (tab and newline). Capital at risk.",
            "guaran\u00ADteed returns (soft hyphen). Capital at risk.",
            "guaranteed\u2060returns (word joiner). Capital at risk.",
            "guaranteed\u3000returns (ideographic space). Capital at risk.",
            "\uFF47\uFF55\uFF41\uFF52\uFF41\uFF4E\uFF54\uFF45\uFF45\uFF44 \uFF52\uFF45\uFF54\uFF55\uFF52\uFF4E\uFF53 (full width). Capital at risk.",
            "gu\u0430ranteed returns (Cyrillic a). Capital at risk.",
            "guarant\u0435\u0435d r\u0435turns (Cyrillic e). Capital at risk.",
            "risk\u2011free (non-breaking hyphen). Capital at risk.",
            "risk\u2010free (hyphen). Capital at risk.",
            "risk\u2012free (figure dash). Capital at risk.",
            "risk\u2212free (minus sign). Capital at risk.",
            "risk\uFE63free (small hyphen-minus). Capital at risk.",
            "Risk-Free (capitals). Capital at risk.",
            "r\u0456sk-free (Ukrainian i). Capital at risk.",
            "\u1D4D\u1D58aranteed returns (modifier letters). Capital at risk.",
    })
    void bannedTermWrittenAnyWayIsCaught(String text) {
        assertThat(check(text)).as(text).anyMatch(f -> f.contains("banned term used"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "Open an account today. \u202E.ksir ta latipaC\u202C",
            "Open an account today. \u202ECapital at risk.\u202C",
            "Open an account today. \u2067Capital at risk.\u2069",
            "Open an account today. \u202BCapital at risk.\u202C",
            "Open an account today. Capital at risk.\u200F",
    })
    void textWithBidiControlsIsAViolation(String text) {
        assertThat(check(text)).as(text).anyMatch(f -> f.contains("bidirectional control"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "Open an account today. capital at risk.",
            "Open an account today. Capital  at\nrisk.",
            "Open an account today. CAPITAL AT RISK.",
            "Open an account today. Capital\u00A0at risk.",
    })
    void mandatoryMentionWrittenAlikeCounts(String text) {
        assertThat(check(text)).as(text).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "Open an account today.",
            "Open an account today. Capital at rsik.",
            "Open an account today. .ksir ta latipaC",
    })
    void missingMentionIsFound(String text) {
        assertThat(check(text)).as(text).anyMatch(f -> f.contains("mandatory mention missing"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "Returns are never guaranteed. Capital at risk.",
            "A risk, free of charge? No. Capital at risk.",
            "Ce placement comporte un risque de perte en capital. Capital at risk.",
            "\u0627\u0644\u0639\u0648\u0627\u0626\u062F \u063A\u064A\u0631 \u0645\u0636\u0645\u0648\u0646\u0629. Capital at risk.",
    })
    void compliantTextPasses(String text) {
        assertThat(check(text)).as(text).isEmpty();
    }
}
