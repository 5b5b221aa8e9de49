package io.clearpost.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * problem+json written straight to the servlet response, for the answers given before or outside Spring MVC
 * (security entry points, the firewall, the body limit, the container's own errors): UTF-8, and the same
 * security headers Spring Security adds to every other answer.
 */
final class ProblemResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Spring Security's default response headers (HSTS aside, which it sends over HTTPS only). */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-XSS-Protection", "0",
            HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate",
            HttpHeaders.PRAGMA, "no-cache",
            HttpHeaders.EXPIRES, "0",
            "X-Frame-Options", "DENY");

    private ProblemResponses() {
    }

    static void write(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        securityHeaders(response);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(body(status, detail));
        response.flushBuffer();
    }

    static byte[] body(int status, String detail) throws IOException {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail);
        return JSON.writeValueAsBytes(problem);
    }

    static void securityHeaders(HttpServletResponse response) {
        SECURITY_HEADERS.forEach((name, value) -> {
            if (!response.containsHeader(name)) {
                response.setHeader(name, value);
            }
        });
    }
}
