package io.clearpost.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI description at {@code /v3/api-docs} (public: it describes the API, it holds no data).
 * Operations and schemas come from the controllers; this adds the logins in use (HTTP Basic unless switched off,
 * JWT bearer tokens when configured), the one error shape
 * ({@code application/problem+json}, DESIGN.md §7) and the error statuses each operation can answer, and names
 * each operation: its stable {@code operationId}, a one-line summary and a tag come from {@link #OPERATIONS},
 * not from the controllers' method names (springdoc's generated ids change when a method is renamed or another
 * controller gets one of the same name). {@code OpenApiDocumentTest} fails for an operation missing there.
 */
@Configuration
class OpenApiDocumentation {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String BASIC = "basic";
    private static final String BEARER = "bearer";

    /** The tags, in the order a reader meets them, with their descriptions. */
    private static final Map<String, String> TAGS = tags(
            "Briefs", "Submit briefs and read them with their deliverables",
            "Tasks", "The caller's user tasks: claim, read with form and context, complete",
            "Content", "Content items with revisions, decisions, schedule and publications; reschedule or cancel",
            "Brands", "A brand's publication freeze and its connected platform accounts",
            "Calendar", "The editorial calendar, as JSON or iCalendar",
            "Audit", "The hash-chained audit trail: histories, chain verification, export",
            "SLA", "Service levels of the brand's tasks",
            "Crises", "Declare a crisis, follow it (severity, freeze, holding statement, held posts), re-triage it, read its timeline",
            "Users", "The caller (brands, roles, e-mail, time zone) and notification preferences",
            "Administration", "Brands, users and their invitations, memberships (administrators; a brand's strategists "
                    + "grant and revoke creative)");

    /** Every operation by "METHOD path": tag, operationId (stable: clients generate method names from it), summary. */
    private static final Map<String, Naming> OPERATIONS = operations(
            "POST /api/briefs", "Briefs", "createBrief", "Submit a brief",
            "GET /api/briefs", "Briefs", "listBriefs", "List a brand's briefs",
            "GET /api/briefs/{id}", "Briefs", "getBrief", "Get a brief with its deliverables",
            "GET /api/tasks", "Tasks", "listTasks", "List the caller's tasks",
            "GET /api/tasks/{id}", "Tasks", "getTask", "Get a task with its form and context",
            "POST /api/tasks/{id}/claim", "Tasks", "claimTask", "Claim a task",
            "POST /api/tasks/{id}/unclaim", "Tasks", "unclaimTask", "Give a claimed task back",
            "POST /api/tasks/{id}/complete", "Tasks", "completeTask", "Complete a task with its form's values",
            "GET /api/content", "Content", "listContent", "List a brand's content items",
            "GET /api/content/{id}", "Content", "getContent", "Get a content item",
            "POST /api/content/{id}/reschedule", "Content", "rescheduleContent", "Move a post to another publication time",
            "POST /api/content/{id}/cancel", "Content", "cancelContent", "Cancel a deliverable's publication",
            "POST /api/brands/{brand}/freeze", "Brands", "freezeBrand", "Hold every publication of a brand",
            "POST /api/brands/{brand}/unfreeze", "Brands", "unfreezeBrand", "Lift a brand's publication freeze",
            "GET /api/brands/{brand}/accounts", "Brands", "listAccounts", "List a brand's platform accounts",
            "PUT /api/brands/{brand}/accounts/{platform}", "Brands", "connectAccount", "Connect a platform account",
            "DELETE /api/brands/{brand}/accounts/{platform}", "Brands", "disconnectAccount",
            "Disconnect a platform account",
            "GET /api/calendar", "Calendar", "getCalendar", "Get a brand's editorial calendar",
            "GET /api/audit/content/{id}", "Audit", "getContentHistory", "Get a content item's approval history",
            "GET /api/audit/briefs/{id}", "Audit", "getBriefHistory", "Get a brief's approval history",
            "GET /api/audit/verify", "Audit", "verifyAuditChain", "Verify a brand's audit chain",
            "GET /api/audit/export", "Audit", "exportAuditEvents", "Export a brand's audit events",
            "GET /api/sla/report", "SLA", "getSlaReport", "Get a brand's SLA report",
            "POST /api/crises", "Crises", "declareCrisis", "Declare a crisis of a brand",
            "GET /api/crises", "Crises", "listCrises", "List a brand's crises",
            "GET /api/crises/{id}", "Crises", "getCrisis", "Get a crisis with its statement and held posts",
            "POST /api/crises/{id}/severity", "Crises", "retriageCrisis", "Change a crisis's severity (re-triage)",
            "GET /api/crises/{id}/timeline", "Crises", "getCrisisTimeline",
            "Get every step of a crisis with time and actor, as JSON or CSV",
            "GET /api/crises/{id}/replies", "Crises", "getCrisisReplies",
            "Get a crisis's approved reply templates, filled (every member of the brand)",
            "POST /api/brands/{brand}/playbooks", "Crises", "createPlaybook",
            "Prepare a crisis playbook of a brand (statement and reply templates with placeholders)",
            "GET /api/brands/{brand}/playbooks", "Crises", "listPlaybooks", "List a brand's crisis playbooks",
            "GET /api/brands/{brand}/playbooks/{id}", "Crises", "getPlaybook", "Get a crisis playbook",
            "PUT /api/brands/{brand}/playbooks/{id}", "Crises", "revisePlaybook",
            "Write a new revision of a crisis playbook (changed texts lose legal's approval)",
            "POST /api/brands/{brand}/playbooks/{id}/approvals", "Crises", "decidePlaybook",
            "Approve or reject a playbook revision in advance (the brand's legal, hash-bound, four-eyes)",
            "GET /api/me", "Users", "getMe", "Get the caller with their brands and roles",
            "GET /api/me/notifications", "Users", "getMyNotificationPreferences",
            "Get the caller's notification preferences",
            "PUT /api/me/notifications", "Users", "updateMyNotificationPreferences",
            "Change some of the caller's notification preferences",
            "PUT /api/me/password", "Users", "changeMyPassword", "Change the caller's password, given the current one",
            "POST /api/admin/users/{id}/unlock", "Users", "unlockUser",
            "Lift a user's lock-out after failed logins (administrators)",
            "GET /api/users/{id}/notifications", "Users", "getUserNotificationPreferences",
            "Get a user's notification preferences (the user or an administrator)",
            "PUT /api/users/{id}/notifications", "Users", "updateUserNotificationPreferences",
            "Change some of a user's notification preferences (the user or an administrator)",
            "POST /api/invitations/{token}", "Users", "acceptInvitation",
            "Set one's password with an invitation's token (no credentials)",
            "POST /api/admin/users", "Administration", "createUser", "Create a user and mail them an invitation",
            "GET /api/admin/users", "Administration", "listUsers", "List every user",
            "GET /api/admin/users/{id}", "Administration", "getUser", "Get a user with their brands and roles",
            "PUT /api/admin/users/{id}", "Administration", "updateUser",
            "Change a user's name, e-mail, time zone or whether they may log in",
            "POST /api/admin/users/{id}/reset", "Administration", "resetUser",
            "Void a user's password and mail them a new invitation",
            "POST /api/admin/brands", "Administration", "createBrand", "Create a brand (an engine tenant)",
            "GET /api/admin/brands", "Administration", "listBrands", "List every brand with its settings",
            "GET /api/admin/brands/{brand}", "Administration", "getBrand", "Get a brand's settings",
            "PUT /api/admin/brands/{brand}", "Administration", "updateBrand",
            "Change a brand's settings and policy (audited with old and new values)",
            "POST /api/admin/brands/{brand}/archive", "Administration", "archiveBrand",
            "Archive a brand: no new briefs, everything stays readable",
            "PUT /api/admin/brands/{brand}/members/{user}", "Administration", "setMemberRoles",
            "Replace a user's roles in a brand",
            "DELETE /api/admin/brands/{brand}/members/{user}", "Administration", "removeMember",
            "Remove a user from a brand",
            "GET /api/brands/{brand}/members", "Brands", "listMembers", "List a brand's members and their roles");

    private record Naming(String tag, String operationId, String summary) {
    }

    @Bean
    OpenAPI clearpostOpenApi(SecuritySettings settings, ObjectProvider<BearerTokenLogin.TokenUsers> bearerLogin) {
        boolean basic = settings.basic().enabled();
        boolean bearer = bearerLogin.getIfAvailable() != null;
        String credentials = basic && bearer ? "HTTP Basic credentials or a JWT bearer token of the configured provider"
                : bearer ? "a JWT bearer token of the configured provider" : "HTTP Basic credentials";
        Components components = new Components().addSchemas(PROBLEM, problemSchema());
        OpenAPI api = new OpenAPI()
                .info(new Info().title("Clearpost API").version("v1")
                        .description("Headless workflow engine for social-media content: briefs, tasks with their "
                                + "forms, reviews bound to a revision hash, schedules, publications and the audit trail. "
                                + "Every call needs " + credentials + ", sent unasked (a 401 does not challenge for Basic); "
                                + "a POST, PUT, PATCH or DELETE needs a JSON body or the header X-Requested-With; "
                                + "errors are RFC 9457 problem+json.")
                        .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
                .components(components);
        // several requirements are alternatives: either login will do
        if (basic) {
            components.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"));
            api.addSecurityItem(new SecurityRequirement().addList(BASIC));
        }
        if (bearer) {
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .bearerFormat("JWT"));
            api.addSecurityItem(new SecurityRequirement().addList(BEARER));
        }
        return api.tags(TAGS.entrySet().stream().map(t -> new Tag().name(t.getKey()).description(t.getValue())).toList());
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        // springdoc drops schemas nothing referenced before customizers run: add it back with its references
        return api -> {
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            // the export's body is described by streamedBody; springdoc's schema for it would stay unused
            api.getComponents().getSchemas().remove("StreamingResponseBody");
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    describe(path, method, operation)));
        };
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        {
            name(path, method, operation);
            ApiResponses responses = operation.getResponses();
            streamedBody(path, responses);
            successStatus(path, method, responses);
            boolean hasBody = operation.getRequestBody() != null;
            boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
            boolean namesResource = path.contains("{") || (operation.getParameters() != null && operation.getParameters()
                    .stream().map(Parameter::getName).anyMatch("brand"::equals));
            boolean changes = method != PathItem.HttpMethod.GET;
            if (hasBody || hasParameters) {
                problem(responses, 400, "Invalid input: the offending fields are in `errors`",
                        "Invalid request", "brand: is required", true);
            }
            problem(responses, 401, "No or wrong credentials", "Unauthorized", "Authentication required", false);
            problem(responses, 403, "The caller's role does not allow this in their own brand", "Forbidden",
                    "Your role does not allow this", false);
            if (namesResource) {
                problem(responses, 404, "No such resource, or one of a brand the caller does not belong to",
                        "Not Found", "Not found: content 7f1c…", false);
            }
            if (changes) {
                problem(responses, 409, "State conflict: task already completed, stale revision hash, four-eyes",
                        "Conflict", "Task 42 is already completed", false);
            }
            if (path.equals("/api/invitations/{token}")) {
                // the token is the credential
                operation.setSecurity(List.of());
                problem(responses, 410, "The invitation was used, replaced by a newer one, or expired", "Gone",
                        "This invitation was used already; ask an administrator for a new one", false);
            }
            if (hasBody) {
                problem(responses, 413, "Body over 1 MiB", "Content Too Large", "The request body exceeds 1 MiB", false);
            }
            exampleFor(path, method, operation);
        }
    }

    /** The operation's entry in {@link #OPERATIONS}; without one it has no operationId (and the test fails). */
    private static void name(String path, PathItem.HttpMethod method, Operation operation) {
        Naming naming = OPERATIONS.get(method + " " + path);
        operation.setOperationId(naming == null ? null : naming.operationId());
        operation.setSummary(naming == null ? null : naming.summary());
        operation.setTags(naming == null ? null : List.of(naming.tag()));
    }

    private static Map<String, String> tags(String... nameAndDescription) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < nameAndDescription.length; i += 2) {
            tags.put(nameAndDescription[i], nameAndDescription[i + 1]);
        }
        return tags;
    }

    private static Map<String, Naming> operations(String... keyTagIdSummary) {
        Map<String, Naming> operations = new LinkedHashMap<>();
        for (int i = 0; i < keyTagIdSummary.length; i += 4) {
            operations.put(keyTagIdSummary[i],
                    new Naming(keyTagIdSummary[i + 1], keyTagIdSummary[i + 2], keyTagIdSummary[i + 3]));
        }
        return operations;
    }

    /** The operations that answer 201 with a {@code Location}, and what it names. */
    private static final Map<String, String> CREATED = Map.of(
            "POST /api/briefs", "/api/briefs/{id}",
            "POST /api/admin/users", "/api/admin/users/{id}",
            "POST /api/admin/brands", "/api/admin/brands/{brand}",
            "POST /api/crises", "/api/crises/{id}",
            "POST /api/brands/{brand}/playbooks", "/api/brands/{brand}/playbooks/{id}");

    /** Spring reports 200 for every handler; the API answers 201 for a new brief and 204 where there is no body. */
    private static void successStatus(String path, PathItem.HttpMethod method, ApiResponses responses) {
        ApiResponse ok = responses.get("200");
        if (ok == null) {
            return;
        }
        String created = CREATED.get(method + " " + path);
        if (created != null) {
            responses.remove("200");
            responses.addApiResponse("201", ok.description("Created; `Location` names the new resource")
                    .addHeaderObject("Location", new io.swagger.v3.oas.models.headers.Header()
                            .description(created).schema(new StringSchema())));
        } else if (ok.getContent() == null || ok.getContent().isEmpty()) {
            responses.remove("200");
            responses.addApiResponse("204", ok.description("No Content"));
        }
    }

    /** A streamed body has no schema Spring can see: say which media types the export writes, with a sample. */
    private static void streamedBody(String path, ApiResponses responses) {
        if (!path.equals("/api/audit/export") || responses.get("200") == null) {
            return;
        }
        String header = "brand,sequence,type,actor,at,briefId,contentId,payload,prevHash,hash";
        String csv = header + "\r\nacme-bank,1,BRIEF_CREATED,sam,2026-11-25T09:00:00.123Z,7f1c…,,"
                + "\"{\"\"category\"\":\"\"standard\"\"}\"," + "0".repeat(64) + ",9b2e…\r\n";
        String jsonl = "{\"brand\":\"acme-bank\",\"sequence\":1,\"type\":\"BRIEF_CREATED\",\"actor\":\"sam\","
                + "\"at\":\"2026-11-25T09:00:00.123Z\",\"briefId\":\"7f1c…\",\"contentId\":null,"
                + "\"payload\":\"{\\\"category\\\":\\\"standard\\\"}\",\"prevHash\":\"" + "0".repeat(64)
                + "\",\"hash\":\"9b2e…\"}\n";
        responses.get("200")
                .description("The events with `at` in [from, to), in sequence order, streamed as an attachment "
                        + "(`Content-Disposition`). `at` and `payload` are the exact texts the chain hashes: "
                        + "hash = SHA-256(prevHash + RFC 8785 JSON of {brand, seq, type, actor, at, briefId, "
                        + "contentId, payload}).")
                .content(new Content()
                        .addMediaType("text/csv", new MediaType().schema(new StringSchema()).example(csv))
                        .addMediaType("application/x-ndjson", new MediaType().schema(new StringSchema()).example(jsonl)));
    }

    private static void problem(ApiResponses responses, int status, String description, String title, String detail,
                                boolean withErrors) {
        String code = Integer.toString(status);
        if (responses.containsKey(code) && responses.get(code).getContent() != null
                && responses.get(code).getContent().containsKey(PROBLEM_JSON)) {
            return;
        }
        Map<String, Object> example = new java.util.LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        if (withErrors) {
            example.put("errors", List.of(Map.of("field", "brand", "message", "is required")));
        }
        responses.addApiResponse(code, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                        .addExamples(title, new Example().value(example)))));
    }

    /** Request examples where a reader needs one most: the brief and an account connection. */
    private static void exampleFor(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        Object example = null;
        if (path.equals("/api/briefs") && method == PathItem.HttpMethod.POST) {
            example = Map.of("brand", "acme-bank", "title", "Winter savings", "objective", "Promote the savings account",
                    "audience", "Young professionals", "keyMessages", List.of("4% interest"), "mandatoryMentions", List.of(),
                    "category", "financial-promotion",
                    "deliverables", List.of(Map.of("platforms", List.of("linkedin", "x"), "creative", "cleo",
                            "publishAfter", "2027-03-01T08:00:00+01:00", "publishBefore", "2027-03-10T20:00:00+01:00")));
        } else if (path.equals("/api/brands/{brand}/accounts/{platform}") && method == PathItem.HttpMethod.PUT) {
            example = Map.of("accountId", "urn:li:organization:5515715", "accessToken", "<access token>",
                    "tokenExpiresAt", "2027-01-01T00:00:00Z");
        } else if (path.equals("/api/content/{id}/reschedule")) {
            example = Map.of("publishAt", "2027-03-02T10:30:00+01:00");
        }
        if (example != null) {
            Object value = example;
            operation.getRequestBody().getContent().values().forEach(media -> media.setExample(value));
        }
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().example("deliverables[0].platforms"))
                .addProperty("message", new StringSchema().example("must not be empty"));
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("Invalid request"))
                .addProperty("instance", new StringSchema().example("/api/briefs"))
                .addProperty("errors", new ArraySchema().items(fieldError)
                        .description("for invalid input: each offending field with its message"));
    }
}
