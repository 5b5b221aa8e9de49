package io.clearpost.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error path answers problem+json in UTF-8 with the security headers, whoever answers: Spring MVC,
 * {@code /error}, Spring Security's firewall or Tomcat itself. Requests go over a raw socket, so that no
 * client normalises the path first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorPathApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAM = "Basic c2FtOnNhbQ==";

    @LocalServerPort
    int port;

    record Raw(int status, Map<String, String> headers, byte[] body) {
        JsonNode problem() {
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not UTF-8 JSON: " + new String(body, StandardCharsets.ISO_8859_1), e);
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One HTTP/1.1 request written byte for byte; the answer read until the server closes. */
    private Raw raw(String method, String target, String authorization, String contentType, byte[] body)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Raw parse(byte[] response) {
        int end = 0;
        while (end + 3 < response.length && !(response[end] == '\r' && response[end + 1] == '\n'
                && response[end + 2] == '\r' && response[end + 3] == '\n')) {
            end++;
        }
        String[] lines = new String(response, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(response, Math.min(end + 4, response.length), response.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Raw(status, headers, body);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = i;
            while (body[lineEnd] != '\r') {
                lineEnd++;
            }
            int size = Integer.parseInt(new String(body, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    /** problem+json, UTF-8, the status in the body, and the headers Spring Security sends on every answer. */
    private static JsonNode assertProblem(Raw response, int status) {
        assertThat(response.status()).as("%s %s", response.headers(), new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.problem();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Cache-Control")).contains("no-store");
        return problem;
    }

    @Test
    void errorAskedForDirectlyIsANotFoundProblem() throws IOException {
        assertProblem(raw("GET", "/error", SAM, null, null), 404);
        assertProblem(raw("GET", "/error", null, null, null), 404);
        assertProblem(raw("POST", "/error", SAM, null, null), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/content/../briefs/x", "/api/briefs;jsessionid=0123456789", "//api/briefs",
            "/api/briefs/%2e%2e/x", "/api/briefs/a%5cb", "/api/briefs/a%25b"})
    void whatTheFirewallRefusesIsABadRequestEvenWithCredentials(String target) throws IOException {
        Raw withCredentials = raw("GET", target, SAM, null, null);
        assertProblem(withCredentials, 400);
        assertThat(withCredentials.header("WWW-Authenticate")).isNull();
        assertProblem(raw("GET", target, null, null, null), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/briefs/a%2fb", "/api/briefs/a%2Fb", "/api/briefs/a%00b", "/api/tasks/%00/claim"})
    void whatTheContainerRefusesIsAProblemToo(String target) throws IOException {
        Raw response = raw("GET", target, SAM, null, null);
        assertThat(response.status()).isBetween(400, 499);
        assertProblem(response, response.status());
    }

    /** An unknown user: a wrong password of a real one would count towards that user's lock-out. */
    @Test
    void theChallengeIsUtf8ProblemJson() throws IOException {
        Raw response = raw("GET", "/api/briefs?brand=acme-bank", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("nobody-here:wrong-é".getBytes(StandardCharsets.UTF_8)), null, null);
        assertProblem(response, 401);
        assertThat(response.header("Content-Type")).containsIgnoringCase("charset=UTF-8");
        // a scheme of its own: a Basic challenge would make a browser prompt for credentials and keep them
        assertThat(response.header("WWW-Authenticate")).startsWith("Clearpost realm=").doesNotContainIgnoringCase("basic");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "*/json", "text/plain", "application/x-www-form-urlencoded",
            "application/json; charset=ISO-8859-1", "application/json; charset=UTF-16", "not a media type", "/"})
    void aBodyThatIsNotUtf8JsonIs415(String contentType) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo"));
        JsonNode problem = assertProblem(raw("POST", "/api/briefs", SAM, contentType, body), 415);
        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    @Test
    void aPageBeyondTheLastIsRefusedNotOverflowed() {
        Api sam = Api.as(port, "sam");
        Problem.invalid(sam.get("/api/tasks?page=2147483647&size=20"), "page");
        Problem.invalid(sam.get("/api/tasks?page=1073741824&size=2"), "page");
        Problem.invalid(sam.get("/api/tasks?page=99999999999&size=20"), "page");
        Problem.invalid(sam.get("/api/tasks?page=-1"), "page");
        Problem.invalid(sam.get("/api/tasks?size=2147483647"), "size");
        assertThat(sam.get("/api/tasks?page=10000&size=100").status()).isEqualTo(200);
    }
}
