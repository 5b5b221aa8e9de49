package io.clearpost.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on RFC 9457 answers: the status, the media type, the problem's own fields and, for bad input, {@code errors}. */
public final class Problem {

    private Problem() {
    }

    /** The problem+json body of a response that must carry {@code status}. */
    public static JsonNode of(Api.Response response, int status) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.contentType()).as("Content-Type of %s", response).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).as("problem status").isEqualTo(status);
        assertThat(problem.path("title").asText()).as("problem title").isNotBlank();
        assertThat(problem.path("detail").asText()).as("problem detail").isNotBlank();
        return problem;
    }

    /** A 400 whose {@code errors} name (at least) the given fields, each with a message. */
    public static JsonNode invalid(Api.Response response, String... fields) {
        JsonNode problem = of(response, 400);
        assertThat(problem.path("errors").isArray()).as("errors of %s", response).isTrue();
        problem.path("errors").forEach(e -> assertThat(e.path("message").asText()).as("message of %s", e).isNotBlank());
        assertThat(fields(problem)).as("fields named by %s", response).contains(fields);
        return problem;
    }

    public static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    /** The message the problem gives for one field. */
    public static String message(JsonNode problem, String field) {
        for (JsonNode e : problem.path("errors")) {
            if (field.equals(e.path("field").asText())) {
                return e.path("message").asText();
            }
        }
        throw new AssertionError("no error for " + field + " in " + problem);
    }

    /** 401 as the security layer answers it: problem+json and a challenge that makes no browser prompt (not Basic). */
    public static JsonNode unauthorized(Api.Response response) {
        JsonNode problem = of(response, 401);
        assertThat(response.header("WWW-Authenticate")).as("challenge of %s", response).startsWith("Clearpost ");
        return problem;
    }
}
