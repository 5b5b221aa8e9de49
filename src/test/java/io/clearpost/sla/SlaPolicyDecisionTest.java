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

/** Every row of processes/sla-policy.dmn, both legal-review rows (regulated or not), and the fallback for unknown task keys. */
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

    @ParameterizedTest(name = "{0} (regulated: {1}) is due in {2}, at risk after {3} ({4}), escalated to {6} every {5}")
    @CsvSource(delimiter = '|', value = {
            "approve-brief       | false | PT18H | PT9H  | BUSINESS   | P1D   | strategist",
            "revise-brief        | false | PT9H  | PT5H  | BUSINESS   | P1D   | brand-manager",
            "assign-creative     | false | PT8H  | PT4H  | BUSINESS   | P1D   | brand-manager",
            "create-content      | true  | PT27H | PT18H | BUSINESS   | P1D   | strategist",
            "review-content      | true  | PT9H  | PT5H  | BUSINESS   | P1D   | brand-manager",
            "legal-review        | true  | PT18H | PT9H  | BUSINESS   | P1D   | brand-manager,strategist",
            "legal-review        | false | PT27H | PT18H | BUSINESS   | P1D   | brand-manager,strategist",
            "compliance-review   | true  | PT18H | PT9H  | BUSINESS   | P1D   | brand-manager,strategist",
            "client-approval     | false | PT18H | PT9H  | BUSINESS   | P1D   | strategist",
            "schedule-post       | false | PT9H  | PT5H  | BUSINESS   | P1D   | brand-manager",
            "extend-window       | true  | PT4H  | PT2H  | WALL_CLOCK | PT2H  | brand-manager",
            "confirm-held-post   | false | PT9H  | PT4H  | BUSINESS   | P1D   | brand-manager",
            "resolve-publication | true  | PT4H  | PT1H  | WALL_CLOCK | PT2H  | brand-manager",
            "triage-crisis       | true  | PT30M | PT15M | WALL_CLOCK | PT10M | brand-manager,admin",
            "post-mortem         | false | PT45H | PT27H | BUSINESS   | P1D   | brand-manager",
            "some-future-task    | true  | PT18H | PT9H  | BUSINESS   | P1D   | brand-manager",
    })
    void taskKeyGetsItsDeadlines(String taskKey, boolean regulated, String dueIn, String atRiskAfter, String calendar,
                                 String remindEvery, String escalateTo) {
        DmnDecisionTableResult result = engine.evaluateDecisionTable(slaPolicy,
                Variables.createVariables().putValue("taskKey", taskKey).putValue("regulated", regulated)
                        .putValue("severity", null));

        assertThat(result.getResultList()).containsExactly(Map.of("dueIn", dueIn, "atRiskAfter", atRiskAfter,
                "calendar", calendar, "remindEvery", remindEvery, "escalateTo", escalateTo));
    }

    @ParameterizedTest(name = "{0} at severity {1} is due in {2}, at risk after {3}, escalated to {5} every {4}")
    @CsvSource(delimiter = '|', value = {
            "triage-crisis             | 4 | PT15M | PT10M | PT5M  | brand-manager,admin",
            "triage-crisis             | 3 | PT15M | PT10M | PT5M  | brand-manager,admin",
            "triage-crisis             | 2 | PT30M | PT15M | PT10M | brand-manager,admin",
            "draft-holding-statement   | 3 | PT30M | PT15M | PT10M | brand-manager,admin",
            "draft-holding-statement   | 2 | PT1H  | PT30M | PT15M | brand-manager,admin",
            "approve-holding-statement | 3 | PT30M | PT15M | PT10M | brand-manager,admin",
            "approve-holding-statement | 1 | PT1H  | PT30M | PT15M | brand-manager,admin",
            "communications-sign-off   | 4 | PT30M | PT15M | PT10M | brand-manager,admin",
            "communications-sign-off   | 2 | PT1H  | PT30M | PT15M | brand-manager,admin",
            "resolve-crisis            | 3 | PT48H | PT24H | PT12H | brand-manager,admin",
    })
    void crisisTasksCountWallClockMinutesBySeverity(String taskKey, int severity, String dueIn, String atRiskAfter,
                                                     String remindEvery, String escalateTo) {
        DmnDecisionTableResult result = engine.evaluateDecisionTable(slaPolicy, Variables.createVariables()
                .putValue("taskKey", taskKey).putValue("regulated", true).putValue("severity", severity));

        assertThat(result.getResultList()).containsExactly(Map.of("dueIn", dueIn, "atRiskAfter", atRiskAfter,
                "calendar", "WALL_CLOCK", "remindEvery", remindEvery, "escalateTo", escalateTo));
    }
}
