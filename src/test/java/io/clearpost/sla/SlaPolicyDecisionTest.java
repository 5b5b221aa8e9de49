package io.clearpost.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operaton.bpm.dmn.engine.DmnDecision;
import org.operaton.bpm.dmn.engine.DmnDecisionTableResult;
import org.operaton.bpm.dmn.engine.DmnEngine;
import org.operaton.bpm.dmn.engine.DmnEngineConfiguration;
import org.operaton.bpm.engine.variable.Variables;

/** Every row of processes/sla-policy.dmn, including the fallback for unknown task keys. */
class SlaPolicyDecisionTest {

    private static DmnEngine engine;
    private static DmnDecision slaPolicy;

    @BeforeAll
    static void parseModel() throws IOException {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = Files.newInputStream(Path.of("processes/sla-policy.dmn"))) {
            slaPolicy = engine.parseDecision("sla-policy", in);
        }
    }

    @ParameterizedTest(name = "{0} is due in {1}, at risk after {2}")
    @CsvSource({
            "approve-brief,     P2D,   P1D",
            "assign-creative,   PT8H,  PT4H",
            "create-content,    P3D,   P2D",
            "review-content,    P1D,   PT12H",
            "legal-review,      P2D,   P1D",
            "compliance-review, P2D,   P1D",
            "client-approval,   P2D,   P1D",
            "revise-brief,      P1D,   PT12H",
            "extend-window,     PT4H,  PT2H",
            "triage-crisis,     PT30M, PT15M",
            "post-mortem,       P2D,   P1D",
            "some-future-task,  P2D,   P1D",
    })
    void taskKeyGetsItsDeadlines(String taskKey, String dueIn, String atRiskAfter) {
        DmnDecisionTableResult result = engine.evaluateDecisionTable(slaPolicy,
                Variables.createVariables().putValue("taskKey", taskKey));

        assertThat(result.getResultList()).containsExactly(Map.of("dueIn", dueIn, "atRiskAfter", atRiskAfter));
    }
}
