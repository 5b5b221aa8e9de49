package io.clearpost.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.dmn.engine.DmnDecision;
import org.operaton.bpm.dmn.engine.DmnEngine;
import org.operaton.bpm.dmn.engine.DmnEngineConfiguration;
import org.operaton.bpm.engine.variable.Variables;

/** The rules of processes/approval-routing.dmn, evaluated by a standalone DMN engine. */
class ApprovalRoutingDecisionTest {

    private static final Path MODEL = Path.of("processes/approval-routing.dmn");

    private static DmnEngine engine;
    private static DmnDecision approvalRouting;
    private static DmnDecision briefSignOff;

    @BeforeAll
    static void parseModel() throws IOException {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        approvalRouting = parse("approval-routing");
        briefSignOff = parse("brief-sign-off");
    }

    @Test
    void regulatedStandardContentNeedsLegalReview() {
        assertThat(route(true, false, "standard"))
                .containsExactly(review("legal-review", "regulated-brand"));
    }

    @Test
    void regulatedFinancialPromotionNeedsLegalAndComplianceReview() {
        assertThat(route(true, false, "financial-promotion"))
                .containsExactly(
                        review("legal-review", "regulated-brand"),
                        review("compliance-review", "financial-promotion"));
    }

    @Test
    void financialPromotionOfAnUnregulatedBrandNeedsComplianceReview() {
        assertThat(route(false, false, "financial-promotion"))
                .containsExactly(review("compliance-review", "financial-promotion"));
    }

    @Test
    void clientSignOffBrandNeedsClientApproval() {
        assertThat(route(false, true, "standard"))
                .containsExactly(review("client-approval", "client-sign-off"));
    }

    @Test
    void everyRuleThatMatchesAddsItsReview() {
        assertThat(route(true, true, "financial-promotion"))
                .containsExactly(
                        review("legal-review", "regulated-brand"),
                        review("compliance-review", "financial-promotion"),
                        review("client-approval", "client-sign-off"));
    }

    @Test
    void unregulatedBrandWithoutClientSignOffNeedsNoReview() {
        assertThat(route(false, false, "standard")).isEmpty();
    }

    @Test
    void clientBrandSignsOffTheBrief() {
        assertThat(signOff(true)).isTrue();
    }

    @Test
    void otherBrandsStartCreationWithoutSignOff() {
        assertThat(signOff(false)).isFalse();
    }

    private static List<Map<String, Object>> route(boolean regulated, boolean clientSignOff, String category) {
        return engine.evaluateDecisionTable(approvalRouting, Variables.createVariables()
                        .putValue("regulated", regulated)
                        .putValue("clientSignOff", clientSignOff)
                        .putValue("category", category))
                .getResultList();
    }

    private static Boolean signOff(boolean clientSignOff) {
        return engine.evaluateDecisionTable(briefSignOff, Variables.createVariables()
                        .putValue("clientSignOff", clientSignOff))
                .getSingleEntry();
    }

    private static Map<String, Object> review(String review, String rule) {
        return Map.of("review", review, "rule", rule);
    }

    private static DmnDecision parse(String key) throws IOException {
        try (InputStream in = Files.newInputStream(MODEL)) {
            return engine.parseDecision(key, in);
        }
    }
}
