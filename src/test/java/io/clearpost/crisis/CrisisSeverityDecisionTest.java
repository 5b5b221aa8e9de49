package io.clearpost.crisis;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operaton.bpm.dmn.engine.DmnDecision;
import org.operaton.bpm.dmn.engine.DmnEngine;
import org.operaton.bpm.dmn.engine.DmnEngineConfiguration;
import org.operaton.bpm.engine.variable.Variables;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every row of processes/crisis-severity.dmn: the severity the signals suggest (FIRST) and what each severity calls for. */
class CrisisSeverityDecisionTest {

    private static DmnEngine engine;
    private static DmnDecision severity;
    private static DmnDecision actions;

    @BeforeAll
    static void parseModel() throws IOException {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        List<DmnDecision> decisions;
        try (InputStream in = Files.newInputStream(Path.of("processes/crisis-severity.dmn"))) {
            decisions = engine.parseDecisions(in);
        }
        severity = decisions.stream().filter(d -> d.getKey().equals("crisis-severity")).findFirst().orElseThrow();
        actions = decisions.stream().filter(d -> d.getKey().equals("crisis-actions")).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "safety {0}, legal {1}, press {2}, reach {3}, mentions/h {4}: severity {5}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "true  | false | false | null    | null | 4",   // Rule_SafetyRisk
            "true  | true  | true  | 1000000 | 9999 | 4",
            "false | true  | true  | null    | null | 4",   // Rule_LegalRiskInThePress
            "false | true  | false | null    | null | 3",   // Rule_LegalRisk
            "false | false | true  | 10      | 1    | 3",   // Rule_PressCoverage
            "false | false | false | 100000  | null | 3",   // Rule_WideReach
            "false | false | false | null    | 500  | 3",   // Rule_Viral
            "false | false | false | 10000   | 10   | 2",   // Rule_Spreading
            "false | false | false | 99999   | null | 2",
            "false | false | false | null    | 50   | 2",   // Rule_Talked
            "false | false | false | 9999    | 49   | 1",   // Rule_Local
            "false | false | false | null    | null | 1",
    })
    void theSignalsSuggestASeverity(boolean safetyRisk, boolean legalRisk, boolean pressCoverage, Long reach,
                                    Long mentionsPerHour, int expected) {
        Object result = engine.evaluateDecisionTable(severity, Variables.createVariables()
                .putValue("safetyRisk", safetyRisk).putValue("legalRisk", legalRisk)
                .putValue("pressCoverage", pressCoverage).putValue("reach", reach)
                .putValue("mentionsPerHour", mentionsPerHour)).getSingleEntry();
        assertThat(result).isEqualTo(expected);
    }

    @ParameterizedTest(name = "severity {0}: freeze {1}, statement {2}, communications {3}")
    @CsvSource({
            "1, false, false, false",
            "2, true,  true,  false",
            "3, true,  true,  true",
            "4, true,  true,  true",
    })
    void eachSeverityCallsForItsActions(int level, boolean freeze, boolean statementRequired,
                                        boolean communicationsInvolved) {
        assertThat(engine.evaluateDecisionTable(actions, Variables.createVariables().putValue("severity", level))
                .getSingleResult().getEntryMap())
                .isEqualTo(Map.of("freeze", freeze, "statementRequired", statementRequired,
                        "communicationsInvolved", communicationsInvolved));
    }

    @Test
    void aSeverityOutsideOneToFourHasNoActions() {
        assertThat(engine.evaluateDecisionTable(actions, Variables.createVariables().putValue("severity", 5))
                .getResultList()).isEmpty();
    }
}
