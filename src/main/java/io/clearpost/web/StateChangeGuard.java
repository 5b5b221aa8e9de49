package io.clearpost.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * No cross-site request forgery: a request to the API that changes something (POST, PUT, PATCH, DELETE) carries
 * a JSON body ({@code Content-Type: application/json}) or the header {@value #HEADER}. A page on another site
 * can make a browser send neither without the browser first asking Clearpost (a CORS preflight, which Clearpost
 * does not allow), so a form or an image that would freeze a brand or claim a task with credentials the
 * browser holds is refused: 415 for a body of another type, 403 for no body and no header.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 12)
class StateChangeGuard extends OncePerRequestFilter {

    static final String HEADER = "X-Requested-With";
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !CHANGING.contains(request.getMethod()) || !(path.equals("/api") || path.startsWith("/api/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HEADER);
        if (header != null && !header.isBlank() || json(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentType() != null) {
            ProblemResponses.write(response, 415, "A request that changes something must have a JSON body "
                    + "(Content-Type: application/json) or the header " + HEADER);
        } else {
            ProblemResponses.write(response, 403, "A request that changes something must have a JSON body "
                    + "(Content-Type: application/json) or the header " + HEADER + " (e.g. " + HEADER + ": XMLHttpRequest)");
        }
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "application".equals(type.getType())
                    && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
