package io.clearpost.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v3/api-docs} is public and describes every controller mapping, its schemas and its errors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyControllerMappingIsInTheDocument() {
        JsonNode doc = document();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            if (!mapping.getValue().getBeanType().getPackageName().startsWith("io.clearpost")) {
                continue;
            }
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            assertThat(methods).as("%s names its HTTP method", mapping.getValue()).isNotEmpty();
            for (String path : mapping.getKey().getPatternValues()) {
                for (RequestMethod method : methods) {
                    checked++;
                    JsonNode operation = doc.path("paths").path(path).path(method.name().toLowerCase());
                    if (operation.isMissingNode()) {
                        missing.add(method + " " + path);
                        continue;
                    }
                    assertThat(operation.path("responses").fieldNames()).toIterable()
                            .as("%s %s answers", method, path).anyMatch(code -> code.startsWith("2"));
                    assertProblem(operation, "401", method + " " + path);
                    assertProblem(operation, "403", method + " " + path);
                }
            }
        }
        assertThat(checked).as("controller mappings found").isGreaterThan(20);
        assertThat(missing).as("mappings missing from /v3/api-docs").isEmpty();
    }

    @Test
    void requestsAndErrorsHaveTheirSchemas() {
        JsonNode doc = document();
        JsonNode submit = doc.path("paths").path("/api/briefs").path("post");
        String requestSchema = submit.path("requestBody").path("content").path("application/json").path("schema")
                .path("$ref").asText();
        assertThat(requestSchema).startsWith("#/components/schemas/");
        JsonNode brief = doc.path("components").path("schemas").path(requestSchema.substring("#/components/schemas/".length()));
        assertThat(brief.path("properties").fieldNames()).toIterable()
                .contains("brand", "title", "category", "deliverables");
        assertThat(submit.path("requestBody").path("content").path("application/json").path("example").path("brand")
                .asText()).isEqualTo("acme-bank");
        for (String status : new String[]{"400", "401", "403", "409", "413"}) {
            assertProblem(submit, status, "POST /api/briefs");
        }
        assertProblem(doc.path("paths").path("/api/content/{id}").path("get"), "404", "GET /api/content/{id}");
        JsonNode export = doc.path("paths").path("/api/audit/export").path("get");
        assertThat(export.path("responses").path("200").path("content").fieldNames()).toIterable()
                .as("the export's media types").containsExactlyInAnyOrder("text/csv", "application/x-ndjson");
        for (String status : new String[]{"400", "404"}) {
            assertProblem(export, status, "GET /api/audit/export");
        }
        assertThat(doc.path("components").path("schemas").path("Problem").path("properties").fieldNames()).toIterable()
                .contains("type", "title", "status", "detail", "errors");
        assertThat(doc.path("components").path("securitySchemes").path("basic").path("scheme").asText()).isEqualTo("basic");
        // every reference resolves
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        for (String ref : refs) {
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    /** What code generators and linters need (openapi-generator, Redocly's recommended rules; .ci/run runs both). */
    @Test
    void everyOperationHasASummaryAUniqueOperationIdAndADeclaredTag() {
        JsonNode doc = document();
        Set<String> declaredTags = new HashSet<>();
        doc.path("tags").forEach(tag -> {
            assertThat(tag.path("description").asText()).as("tag %s has a description", tag.path("name")).isNotBlank();
            declaredTags.add(tag.path("name").asText());
        });
        List<String> problems = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                if (!List.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(entry.getKey())) {
                    continue;
                }
                operations++;
                String what = entry.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = entry.getValue();
                if (operation.path("summary").asText().isBlank()) {
                    problems.add(what + ": no summary");
                }
                String id = operation.path("operationId").asText();
                if (id.isBlank()) {
                    problems.add(what + ": no operationId");
                } else if (id.matches(".*_[0-9]+")) {
                    // springdoc renames the second and later users of an id: createBrief_1
                    problems.add(what + ": operationId " + id + " (springdoc's rename of a duplicate id)");
                } else if (!id.matches("[a-z][A-Za-z]*")) {
                    problems.add(what + ": operationId " + id + " is not lowerCamelCase");
                } else if (ids.containsKey(id)) {
                    problems.add(what + ": operationId " + id + " is also " + ids.get(id) + "'s");
                } else {
                    ids.put(id, what);
                }
                if (operation.path("tags").isEmpty()) {
                    problems.add(what + ": no tag");
                }
                operation.path("tags").forEach(tag -> {
                    if (!declaredTags.contains(tag.asText())) {
                        problems.add(what + ": tag " + tag.asText() + " is not declared in the document's tags");
                    }
                });
            }
        }
        assertThat(operations).as("operations in the document").isGreaterThan(20);
        assertThat(problems).as("operations without a summary, a unique operationId or a declared tag "
                + "(name them in OpenApiDocumentation.OPERATIONS)").isEmpty();
        assertThat(ids).containsEntry("createBrief", "POST /api/briefs").containsEntry("completeTask", "POST /api/tasks/{id}/complete");
    }

    @Test
    void theLicenseIsApache2WithItsSpdxIdentifier() {
        JsonNode doc = document();
        JsonNode license = doc.path("info").path("license");
        assertThat(license.path("name").asText()).isEqualTo("Apache-2.0");
        // OpenAPI 3.1 (what springdoc writes): an SPDX identifier, or openapi-generator's validation refuses it
        assertThat(doc.path("openapi").asText()).startsWith("3.1");
        assertThat(license.path("identifier").asText()).isEqualTo("Apache-2.0");
        assertThat(license.has("url")).as("identifier and url are mutually exclusive in OpenAPI 3.1").isFalse();
    }

    private static void assertProblem(JsonNode operation, String status, String what) {
        JsonNode media = operation.path("responses").path(status).path("content").path("application/problem+json");
        assertThat(media.path("schema").path("$ref").asText()).as("%s answers %s as problem+json", what, status)
                .isEqualTo("#/components/schemas/Problem");
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private JsonNode document() {
        Api.Response r = Api.anonymous(port).get("/v3/api-docs");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }
}
