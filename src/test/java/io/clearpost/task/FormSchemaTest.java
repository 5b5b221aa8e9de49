package io.clearpost.task;

import io.clearpost.task.FormSchema.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class FormSchemaTest {

    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String DECISIONS = "must be one of APPROVE, REQUEST_CHANGES, REJECT";

    private static final Map<String, Set<String>> EXPECTED_KEYS = Map.ofEntries(
            Map.entry("approve-brief", Set.of("decision", "comment")),
            Map.entry("assign-creative", Set.of("creative")),
            Map.entry("create-content", Set.of("variants")),
            Map.entry("review-content", Set.of("decision", "comment", "revisionHash")),
            Map.entry("legal-review", Set.of("decision", "comment", "revisionHash")),
            Map.entry("compliance-review", Set.of("decision", "comment", "revisionHash")),
            Map.entry("client-approval", Set.of("decision", "comment", "revisionHash")),
            Map.entry("schedule-post", Set.of("publishAt", "timeZone")),
            Map.entry("confirm-held-post", Set.of("action", "publishAt", "timeZone")),
            Map.entry("resolve-publication", Set.of("action", "url", "publishAt", "timeZone")),
            Map.entry("extend-window", Set.of("action", "publishBefore")),
            Map.entry("revise-brief", Set.of("title", "objective", "audience", "keyMessages", "mandatoryMentions",
                    "category")),
            Map.entry("triage-crisis", Set.of("severity", "comment")),
            Map.entry("draft-holding-statement", Set.of("variants", "playbook", "placeholders", "replies")),
            Map.entry("approve-holding-statement", Set.of("decision", "comment", "revisionHash")),
            Map.entry("communications-sign-off", Set.of("decision", "comment", "revisionHash")),
            Map.entry("resolve-crisis", Set.of("summary")),
            Map.entry("post-mortem", Set.of("whatHappened", "whatWorked", "actions")));

    private static final List<String> REVIEW_FORMS =
            List.of("review-content", "legal-review", "compliance-review", "client-approval");

    // --- the form files ------------------------------------------------------------------

    @Test
    void everyFormFileParsesAndIsNamedAfterItsTaskKey() throws IOException {
        List<String> taskKeys = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("forms"))) {
            files.filter(f -> f.toString().endsWith(".form")).forEach(file -> {
                String taskKey = file.getFileName().toString().replaceFirst("\\.form$", "");
                FormSchema form = FormSchema.parse(read(file));
                assertThat(form.id()).as(file.toString()).isEqualTo(taskKey);
                taskKeys.add(taskKey);
            });
        }
        assertThat(taskKeys).containsExactlyInAnyOrderElementsOf(EXPECTED_KEYS.keySet());
    }

    @Test
    void everyFormHasExactlyTheFieldsOfItsTask() {
        EXPECTED_KEYS.forEach((taskKey, keys) -> {
            FormSchema form = form(taskKey);
            assertThat(form.fieldKeys()).as(taskKey).containsExactlyInAnyOrderElementsOf(keys);
            keys.forEach(key -> assertThat(form.hasField(key)).as(taskKey + " " + key).isTrue());
            assertThat(form.hasField("foo")).isFalse();
            assertThat(form.hasField(null)).isFalse();
        });
    }

    // --- valid values --------------------------------------------------------------------

    @Test
    void aCompleteReviewPassesInEveryReviewForm() {
        for (String taskKey : REVIEW_FORMS) {
            for (String decision : List.of("APPROVE", "REQUEST_CHANGES", "REJECT")) {
                assertThat(form(taskKey).validate(review(decision, "Fine by me", HASH)))
                        .as(taskKey + " " + decision).isEmpty();
            }
        }
    }

    @Test
    void theCommentIsOptional() {
        assertThat(form("legal-review").validate(Map.of("decision", "APPROVE", "revisionHash", HASH))).isEmpty();
        assertThat(form("approve-brief").validate(Map.of("decision", "APPROVE"))).isEmpty();
        assertThat(form("legal-review").validate(review("APPROVE", null, HASH))).isEmpty();
    }

    @Test
    void aCommentOfExactlyTheMaximumLengthPasses() {
        assertThat(form("legal-review").validate(review("APPROVE", "x".repeat(5000), HASH))).isEmpty();
    }

    @Test
    void briefDecisionAndCreativeAssignmentPass() {
        assertThat(form("approve-brief").validate(Map.of("decision", "REQUEST_CHANGES", "comment", "Add the risk warning")))
                .isEmpty();
        assertThat(form("assign-creative").validate(Map.of("creative", "cleo"))).isEmpty();
        assertThat(form("assign-creative").validate(Map.of("creative", "jean-luc.picard_2"))).isEmpty();
    }

    @Test
    void variantsAsAJsonObjectPass() {
        Map<String, Object> variants = Map.of(
                "linkedin", Map.of("text", "Our new savings account", "link", "https://example.com"),
                "x", Map.of("text", "New savings account",
                        "media", List.of(Map.of("url", "https://example.com/a.png", "sha256", HASH, "type", "image/png"))));
        assertThat(form("create-content").validate(Map.of("variants", variants), platforms("linkedin", "x"))).isEmpty();
    }

    @Test
    void textWithQuotesMarkupAndRightToLeftMarksPassesUnchanged() {
        String text = "\u202Eabc <b>x</b> \"q\"";
        Map<String, Object> values = review("REQUEST_CHANGES", text, HASH);

        assertThat(form("legal-review").validate(values)).isEmpty();
        assertThat(values.get("comment")).isEqualTo(text);
    }

    @Test
    void schedulingAndPublicationActionsPass() {
        assertThat(form("schedule-post").validate(Map.of("publishAt", "2026-12-01T09:00:00+01:00"))).isEmpty();
        assertThat(form("schedule-post").validate(Map.of("publishAt", "2026-12-01T09:00", "timeZone", "Europe/Paris")))
                .isEmpty();
        for (String action : List.of("PUBLISH_NOW", "CANCEL")) {
            assertThat(form("confirm-held-post").validate(Map.of("action", action))).as(action).isEmpty();
        }
        assertThat(form("confirm-held-post").validate(Map.of("action", "RESCHEDULE", "publishAt", "2026-12-02T09:00:00Z")))
                .isEmpty();
        assertThat(form("resolve-publication").validate(Map.of("action", "RETRY"))).isEmpty();
        assertThat(form("resolve-publication").validate(
                Map.of("action", "PUBLISH_NOW", "url", "https://www.linkedin.com/feed/update/urn:li:activity:1")))
                .isEmpty();
    }

    // --- each rule -----------------------------------------------------------------------

    @Test
    void aMissingDecisionIsRequired() {
        Map<String, Object> values = review("APPROVE", "ok", HASH);
        values.remove("decision");
        assertThat(form("legal-review").validate(values)).containsExactly(error("decision", "is required"));
    }

    @Test
    void aNullOrBlankDecisionIsRequired() {
        assertThat(form("legal-review").validate(review(null, "ok", HASH)))
                .containsExactly(error("decision", "is required"));
        assertThat(form("approve-brief").validate(Map.of("decision", "  ")))
                .containsExactly(error("decision", "is required"));
    }

    @Test
    void aDecisionOutsideTheChoicesIsRefused() {
        assertThat(form("compliance-review").validate(review("MAYBE", "ok", HASH)))
                .containsExactly(error("decision", DECISIONS));
        assertThat(form("approve-brief").validate(Map.of("decision", "approve")))
                .containsExactly(error("decision", DECISIONS));
    }

    @Test
    void aDecisionThatIsNotAStringIsRefused() {
        assertThat(form("client-approval").validate(review(42, "ok", HASH)))
                .containsExactly(error("decision", "must be a string"));
        assertThat(form("client-approval").validate(review(List.of("APPROVE"), "ok", HASH)))
                .containsExactly(error("decision", "must be a string"));
    }

    @Test
    void aCommentLongerThan5000CharactersIsRefused() {
        assertThat(form("review-content").validate(review("APPROVE", "x".repeat(5001), HASH)))
                .containsExactly(error("comment", "must be at most 5000 characters"));
    }

    @Test
    void aRevisionHashThatIsNotSha256HexIsRefused() {
        String format = "does not match the expected format ^[0-9a-f]{64}$";
        assertThat(form("legal-review").validate(review("APPROVE", "ok", "abc")))
                .containsExactly(error("revisionHash", format));
        assertThat(form("legal-review").validate(review("APPROVE", "ok", HASH.toUpperCase())))
                .containsExactly(error("revisionHash", format));
        // full match: a valid hash with anything around it is not a hash
        assertThat(form("legal-review").validate(review("APPROVE", "ok", HASH + "\n")))
                .containsExactly(error("revisionHash", format));
    }

    @Test
    void aMissingRevisionHashIsRequired() {
        assertThat(form("legal-review").validate(Map.of("decision", "APPROVE")))
                .containsExactly(error("revisionHash", "is required"));
    }

    @Test
    void anUnknownFieldIsRefused() {
        Map<String, Object> values = review("APPROVE", "ok", HASH);
        values.put("foo", "bar");
        assertThat(form("legal-review").validate(values)).containsExactly(error("foo", "unknown field"));
    }

    @Test
    void variantsAsAStringAreRefused() {
        assertThat(form("create-content").validate(Map.of("variants", "{\"x\": {\"text\": \"hi\"}}"), platforms("x")))
                .containsExactly(error("variants", "must be an object"));
        assertThat(form("create-content").validate(Map.of("variants", List.of()), platforms("x")))
                .containsExactly(error("variants", "must be an object"));
        assertThat(form("create-content").validate(Map.of(), platforms("x", "linkedin")))
                .containsExactly(error("variants.linkedin.text", "is required"), error("variants.x.text", "is required"));
    }

    @Test
    void aCreativeWithASpaceIsRefused() {
        assertThat(form("assign-creative").validate(Map.of("creative", "cleo smith")))
                .containsExactly(error("creative", "does not match the expected format ^[a-zA-Z0-9][a-zA-Z0-9._-]*$"));
        assertThat(form("assign-creative").validate(Map.of("creative", "c".repeat(65))))
                .containsExactly(error("creative", "must be at most 64 characters"));
    }

    @Test
    void aPublicationActionOutsideTheChoicesOrAMissingTimeIsRefused() {
        assertThat(form("confirm-held-post").validate(Map.of("action", "RETRY")))
                .containsExactly(error("action", "must be one of PUBLISH_NOW, RESCHEDULE, CANCEL"));
        assertThat(form("resolve-publication").validate(Map.of()))
                .containsExactly(error("action", "is required"));
        assertThat(form("schedule-post").validate(Map.of("timeZone", "Europe/Paris")))
                .containsExactly(error("publishAt", "is required"));
    }

    @Test
    void aManualPostUrlMustBeAnHttpUrlWithoutSpaces() {
        String format = "does not match the expected format ^https?://\\S+$";
        assertThat(form("resolve-publication").validate(Map.of("action", "PUBLISH_NOW", "url", "ftp://example.com/post")))
                .containsExactly(error("url", format));
        assertThat(form("resolve-publication").validate(Map.of("action", "PUBLISH_NOW", "url", "https://example.com/a b")))
                .containsExactly(error("url", format));
        assertThat(form("resolve-publication").validate(
                Map.of("action", "PUBLISH_NOW", "url", "https://example.com/" + "x".repeat(2000))))
                .containsExactly(error("url", "must be at most 2000 characters"));
    }

    @Test
    void errorsFollowTheOrderOfTheFormThenUnknownFields() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("zzz", 1);
        values.put("revisionHash", "abc");
        values.put("comment", 7);
        values.put("aaa", null);

        assertThat(form("legal-review").validate(values)).containsExactly(
                error("decision", "is required"),
                error("comment", "must be a string"),
                error("revisionHash", "does not match the expected format ^[0-9a-f]{64}$"),
                error("aaa", "unknown field"),
                error("zzz", "unknown field"));
    }

    @Test
    void garbageValuesNeverThrow() {
        Map<String, Object> nested = new HashMap<>();
        nested.put(null, List.of(Map.of("a", List.of()), 3.5));
        Map<String, Object> values = new HashMap<>();
        values.put(null, null);
        values.put("decision", nested);
        values.put("comment", List.of(nested));
        values.put("revisionHash", Double.NaN);
        values.put("variants", nested);
        values.put("creative", true);

        EXPECTED_KEYS.keySet().forEach(taskKey -> assertThatNoException()
                .isThrownBy(() -> form(taskKey).validate(values)));
        assertThat(form("legal-review").validate(null)).containsExactly(
                error("decision", "is required"), error("revisionHash", "is required"));
    }

    @Test
    void anInputLongerThanTheMaximumIsNotMatchedAgainstThePattern() {
        assertThat(form("assign-creative").validate(Map.of("creative", "a".repeat(1_000_000) + " ")))
                .containsExactly(error("creative", "must be at most 64 characters"));
    }

    @Test
    @Timeout(30) // a hang guard, not a performance bar: without the step budget this match runs for ages
    void aCatastrophicallyBacktrackingPatternFailsTheFieldInsteadOfHanging() {
        FormSchema form = FormSchema.parse("""
                {"id": "slow", "components": [
                  {"type": "textfield", "key": "word", "validate": {"pattern": "^(a+)+$"}}
                ]}""");

        assertThat(form.validate(Map.of("word", "a".repeat(40) + "!")))
                .containsExactly(error("word", "does not match the expected format ^(a+)+$"));
        assertThat(form.validate(Map.of("word", "aaaa"))).isEmpty();
    }

    // --- schemas the validator cannot honour -------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "[]",
            "{\"components\": []}",
            "{\"id\": \"x\", \"components\": {}}",
            "{\"id\": \"x\", \"components\": [{\"type\": \"textfield\"}]}",
            "{\"id\": \"x\", \"components\": [{\"type\": \"textfield\", \"key\": \"a\"}, {\"type\": \"number\", \"key\": \"a\"}]}",
            "{\"id\": \"x\", \"components\": [{\"type\": \"textfield\", \"key\": \"a\", \"validate\": {\"pattern\": \"(\"}}]}",
            "{\"id\": \"x\", \"components\": [{\"type\": \"textfield\", \"key\": \"a\", \"validate\": {\"required\": \"=true\"}}]}",
            "{\"id\": \"x\", \"components\": [{\"type\": \"filepicker\", \"key\": \"a\"}]}",
            "{\"id\": \"x\", \"components\": [{\"type\": \"dynamiclist\", \"components\": []}]}",
            "{\"id\": \"x\", \"components\": [{\"type\": \"group\", \"path\": \"a..b\", \"components\": []}]}",
            "{\"id\": \"x\", \"components\": [{\"type\": \"textfield\", \"key\": \"a\", \"conditional\": {\"hide\": \"a = \"}}]}",
            "{\"id\": \"x\", \"components\": [{\"type\": \"textfield\", \"key\": \"a\", \"conditional\": {\"hide\": true}}]}",
            "{\"id\": \"x\", \"components\": [{\"type\": \"textfield\", \"key\": \"a.b\"}, {\"type\": \"textfield\", \"key\": \"a\"}]}",
            "{\"id\": \"x\", \"id\": \"y\"}",
    })
    void aMalformedSchemaIsRefused(String json) {
        assertThatIllegalArgumentException().isThrownBy(() -> FormSchema.parse(json));
    }

    @Test
    void fieldsInsideGroupsAreFieldsOfTheForm() {
        FormSchema form = FormSchema.parse("""
                {"id": "grouped", "components": [
                  {"type": "text", "text": "Hello"},
                  {"type": "group", "id": "Group_Amounts", "components": [
                    {"type": "number", "key": "amount", "validate": {"required": true, "min": 1, "max": 10}},
                    {"type": "checkbox", "key": "confirmed"},
                    {"type": "checklist", "key": "channels", "values": [{"label": "X", "value": "x"}]}
                  ]}
                ]}""");

        assertThat(form.fieldKeys()).containsExactly("amount", "confirmed", "channels");
        assertThat(form.validate(Map.of("amount", 5, "confirmed", true, "channels", List.of("x")))).isEmpty();
        assertThat(form.validate(Map.of("amount", 10.5, "confirmed", "yes", "channels", List.of("y")))).containsExactly(
                error("amount", "must be at most 10"),
                error("confirmed", "must be true or false"),
                error("channels", "each value must be one of x"));
        assertThat(form.validate(Map.of("amount", "5"))).containsExactly(error("amount", "must be a number"));
    }

    // --- nested values, lists and conditions --------------------------------------------

    @Test
    void aGroupWithAPathNestsItsValuesAndNamesErrorsByTheirPath() {
        FormSchema form = FormSchema.parse("""
                {"id": "nested", "components": [
                  {"type": "group", "path": "post.x", "components": [
                    {"type": "textarea", "key": "text", "validate": {"required": true, "maxLength": 5}},
                    {"type": "textfield", "key": "link"}
                  ]},
                  {"type": "textfield", "key": "post.note"}
                ]}""");

        assertThat(form.fieldKeys()).containsExactly("post");
        assertThat(form.validate(Map.of("post", Map.of("x", Map.of("text", "hello"), "note", "n")))).isEmpty();
        assertThat(form.validate(Map.of("post", Map.of("x", Map.of("text", "hello!", "size", 3), "extra", 1))))
                .containsExactly(error("post.x.text", "must be at most 5 characters"),
                        error("post.extra", "unknown field"), error("post.x.size", "unknown field"));
        assertThat(form.validate(Map.of("post", Map.of("x", "hello"))))
                .containsExactly(error("post.x", "must be an object"));
        assertThat(form.validate(Map.of())).containsExactly(error("post.x.text", "is required"));
    }

    @Test
    void aDynamicListIsAListOfObjectsEachCheckedAsOneItem() {
        Map<String, Object> good = Map.of("url", "https://cdn.example/a.png", "sha256", HASH, "type", "image/png");
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("text", "New savings account");
        x.put("media", List.of(good, Map.of("url", "ftp://a", "sha256", HASH, "type", "image/png", "alt", "?"), "a.png"));

        assertThat(form("create-content").validate(Map.of("variants", Map.of("x", x)), platforms("x"))).containsExactly(
                error("variants.x.media[1].url", "does not match the expected format ^https?://\\S+$"),
                error("variants.x.media[2]", "must be an object"),
                error("variants.x.media[1].alt", "unknown field"));
        assertThat(form("create-content").validate(
                Map.of("variants", Map.of("x", Map.of("text", "hi", "media", "a.png"))), platforms("x")))
                .containsExactly(error("variants.x.media", "must be a list"));
        assertThat(form("create-content").validate(
                Map.of("variants", Map.of("x", Map.of("text", "hi", "media", List.of(Map.of("url", "https://a/b.gif",
                        "sha256", HASH, "type", "video/webm"))))), platforms("x")))
                .as("each platform offers only the media types it takes")
                .containsExactly(error("variants.x.media[0].type", "must be one of image/jpeg, image/png, image/gif, image/webp, video/mp4"));
    }

    @Test
    void createContentAsksForTheChoicesTikTokAndYouTubeRequirePerPost() {
        Map<String, Object> video = Map.of("url", "https://cdn.example/a.mp4", "sha256", HASH, "type", "video/mp4");
        assertThat(form("create-content").validate(Map.of("variants", Map.of(
                "tiktok", Map.of("text", "hi", "media", List.of(video)),
                "youtube", Map.of("text", "hi", "media", List.of(video), "privacy", "secret"))), platforms("tiktok", "youtube")))
                .containsExactlyInAnyOrder(error("variants.tiktok.privacy", "is required"),
                        error("variants.youtube.privacy", "must be one of public, unlisted, private"));
        assertThat(form("create-content").validate(Map.of("variants", Map.of(
                "tiktok", Map.of("text", "hi", "media", List.of(video), "privacy", "SELF_ONLY", "disableComment", true,
                        "disableDuet", false, "disableStitch", false),
                "youtube", Map.of("text", "hi", "media", List.of(video), "privacy", "unlisted"))), platforms("tiktok", "youtube")))
                .isEmpty();
        assertThat(form("create-content").validate(Map.of("variants", Map.of(
                "x", Map.of("text", "hi", "privacy", "public"))), platforms("x")))
                .containsExactly(error("variants.x.privacy", "unknown field"));
    }

    @Test
    void createContentShowsOnlyTheDeliverablesPlatformsEachWithItsLimit() throws IOException {
        Map<String, Object> variants = Map.of("x", Map.of("text", "x".repeat(281)),
                "linkedin", Map.of("text", "l".repeat(3000)), "youtube", Map.of("text", "Hello"));

        // the limit is shown live; a text over it is the automatic check's finding, not a refused form
        assertThat(form("create-content").validate(Map.of("variants", variants), platforms("x", "linkedin")))
                .containsExactly(error("variants.youtube", "must be left out: the form hides it here"));
        String json = read(Path.of("forms", "create-content.form"));
        Map<String, Integer> limits = Map.of("x", 280, "linkedin", 3000, "instagram", 2200, "facebook", 63206,
                "threads", 500, "mastodon", 500, "tiktok", 2200, "pinterest", 500, "youtube", 5000);
        limits.forEach((platform, limit) -> assertThat(json).as(platform)
                .contains("string length(variants." + platform + ".text) <= " + limit)
                .contains("=not(list contains(platforms, \\\"" + platform + "\\\"))"));
    }

    @Test
    void aConditionalFieldIsRequiredExactlyWhenItsActionNeedsIt() {
        assertThat(form("confirm-held-post").validate(Map.of("action", "RESCHEDULE")))
                .containsExactly(error("publishAt", "is required"));
        assertThat(form("confirm-held-post").validate(Map.of("action", "PUBLISH_NOW"))).isEmpty();
        assertThat(form("resolve-publication").validate(Map.of("action", "PUBLISH_NOW")))
                .containsExactly(error("url", "is required"));
        assertThat(form("resolve-publication").validate(Map.of("action", "RESCHEDULE", "publishAt", "2026-12-01T09:00")))
                .isEmpty();
        assertThat(form("resolve-publication").validate(Map.of("action", "RETRY"))).isEmpty();
        assertThat(form("extend-window").validate(Map.of("action", "EXTEND")))
                .containsExactly(error("publishBefore", "is required"));
        assertThat(form("extend-window").validate(Map.of("action", "CANCEL"))).isEmpty();
    }

    @Test
    void aValueForAFieldTheFormHidesIsRefused() {
        assertThat(form("extend-window").validate(Map.of("action", "CANCEL", "publishBefore", "2026-12-31T18:00:00+01:00")))
                .containsExactly(error("publishBefore", "must be left out: the form hides it here"));
        Map<String, Object> leftEmpty = new LinkedHashMap<>();
        leftEmpty.put("action", "CANCEL");
        leftEmpty.put("publishBefore", "");
        assertThat(form("extend-window").validate(leftEmpty)).isEmpty();
    }

    @Test
    void conditionsSeeTheTaskDataOverlaidWithTheValues() {
        FormSchema form = FormSchema.parse("""
                {"id": "c", "components": [
                  {"type": "textfield", "key": "reason", "validate": {"required": true},
                   "conditional": {"hide": "=not(urgent) or status = \\"DONE\\""}}
                ]}""");

        assertThat(form.validate(Map.of(), Map.of("urgent", true))).containsExactly(error("reason", "is required"));
        assertThat(form.validate(Map.of(), Map.of("urgent", false))).isEmpty();
        assertThat(form.validate(Map.of("status", "DONE"), Map.of("urgent", true)))
                .containsExactly(error("status", "unknown field"));
    }

    @Test
    void reviseBriefTakesTheFieldsOfABriefWithItsLimits() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("title", "Spring savings");
        values.put("objective", "More accounts");
        values.put("audience", "Savers");
        values.put("keyMessages", List.of(Map.of("text", "Simple"), Map.of("text", "Safe")));
        values.put("mandatoryMentions", List.of(Map.of("text", "Capital at risk.")));
        values.put("category", "financial-promotion");
        assertThat(form("revise-brief").validate(values)).isEmpty();

        values.put("title", "t".repeat(301));
        values.put("keyMessages", List.of(Map.of("text", "")));
        values.put("category", "gossip");
        assertThat(form("revise-brief").validate(values)).containsExactly(
                error("title", "must be at most 300 characters"),
                error("keyMessages[0].text", "is required"),
                error("category", "must be one of standard, financial-promotion, health-claim, contest, sponsored"));
    }

    @Test
    void reviewFormsShowTheHashReadOnlyAndRequireIt() throws IOException {
        for (String taskKey : REVIEW_FORMS) {
            String json = read(Path.of("forms", taskKey + ".form"));
            var hashField = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("components")
                    .findParents("key").stream().filter(c -> c.path("key").asText().equals("revisionHash")).findFirst()
                    .orElseThrow();
            assertThat(hashField.path("readonly").asBoolean()).as(taskKey).isTrue();
            assertThat(json).as(taskKey + " shows what is judged").contains("{{#loop currentVariants}}", "brief.keyMessages",
                    "requiredReviews", "{{#loop decisions}}");
        }
    }

    @Test
    void emptyInputsAreNoValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("action", "CANCEL");
        values.put("publishAt", "");
        values.put("timeZone", null);
        values.put("variants", Map.of("x", Map.of("text", "hi", "link", "", "media", List.of(Map.of("url", "u", "type", "")))));

        assertThat(FormSchema.withoutEmptyValues(values)).isEqualTo(Map.of("action", "CANCEL",
                "variants", Map.of("x", Map.of("text", "hi", "media", List.of(Map.of("url", "u"))))));
    }

    @Test
    void anObjectFieldTypedAsJsonTextInFormJsIsTakenAsTheObjectItSpells() {
        // form-js renders the draft's "Placeholder values" (valueType object) as a text input and submits its text
        FormSchema form = form("draft-holding-statement");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("playbook", "product-recall");
        values.put("placeholders", "{\"product\": \"Card X\", \"date\": \"1 December\"}");

        Map<String, Object> parsed = form.withObjectsParsed(values);

        assertThat(parsed).containsEntry("playbook", "product-recall")
                .containsEntry("placeholders", Map.of("product", "Card X", "date", "1 December"));
        assertThat(values.get("placeholders")).as("the submitted map is not changed").isInstanceOf(String.class);
        Map<String, Object> asObject = Map.of("placeholders", Map.of("product", "Card X"));
        assertThat(form.withObjectsParsed(asObject)).isEqualTo(asObject);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Card X", "[\"Card X\"]", "\"Card X\"", "{\"product\": ", "{\"a\": 1, \"a\": 2}",
            "{} {}"})
    void textThatIsNotExactlyOneJsonObjectStaysTextAndIsRefused(String text) {
        FormSchema form = form("draft-holding-statement");
        Map<String, Object> parsed = form.withObjectsParsed(Map.of("placeholders", text));

        assertThat(parsed).containsEntry("placeholders", text);
        assertThat(form.validate(parsed)).contains(error("placeholders", "must be an object"));
    }

    @Test
    void onlyObjectFieldsAreParsedAlsoInsideGroupsWithAPath() {
        FormSchema form = FormSchema.parse("""
                {"id": "nested", "components": [
                  {"type": "textfield", "key": "note"},
                  {"type": "group", "path": "post", "components": [
                    {"type": "textarea", "key": "values", "properties": {"valueType": "object"}}
                  ]}
                ]}""");

        Map<String, Object> parsed = form.withObjectsParsed(
                Map.of("note", "{\"a\": 1}", "post", Map.of("values", "{\"a\": \"b\"}")));

        assertThat(parsed).isEqualTo(Map.of("note", "{\"a\": 1}", "post", Map.of("values", Map.of("a", "b"))));
        assertThat(form.validate(parsed)).isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------

    private static Map<String, Object> platforms(String... platforms) {
        return Map.of("platforms", List.of(platforms));
    }

    private static FormSchema form(String taskKey) {
        return FormSchema.parse(read(Path.of("forms", taskKey + ".form")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mutable, so a test can remove or add a field. */
    private static Map<String, Object> review(Object decision, Object comment, Object revisionHash) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("decision", decision);
        values.put("comment", comment);
        values.put("revisionHash", revisionHash);
        return values;
    }

    private static FieldError error(String field, String message) {
        return new FieldError(field, message);
    }
}
