package io.clearpost.web;

import io.clearpost.tenancy.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line per request: method, path, status, duration, the authenticated user and the brand when the
 * path ({@code /api/brands/{brand}/…}) or the query ({@code brand=}) names one. Never headers, bodies or
 * the query string: those carry credentials and tokens. The same fields go to the MDC ({@code http.method},
 * {@code url.path}, {@code http.status}, {@code duration.ms}, {@code user}, {@code brand}) for JSON logs.
 * Health probes log at DEBUG, so a container's health check does not drown the log.
 * It wraps every other filter (security, the size limit), so refused requests get their line too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLog extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);
    private static final Pattern BRAND_PATH = Pattern.compile("^/api/brands/([^/]+)");
    private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            // an exception that escaped every handler becomes a 500 after this filter
            int status = failed && !response.isCommitted() ? 500 : response.getStatus();
            write(request, status, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void write(HttpServletRequest request, int status, long millis) {
        // an invitation's token is a credential: it never reaches the log
        String path = request.getRequestURI().replaceFirst("^/api/invitations/[^/]+", "/api/invitations/***");
        boolean probe = path.startsWith("/actuator/health");
        if (probe ? !log.isDebugEnabled() : !log.isInfoEnabled()) {
            return;
        }
        String user = user(request);
        String brand = brand(path, request.getQueryString());
        try (var m1 = MDC.putCloseable("http.method", request.getMethod());
             var m2 = MDC.putCloseable("url.path", path);
             var m3 = MDC.putCloseable("http.status", Integer.toString(status));
             var m4 = MDC.putCloseable("duration.ms", Long.toString(millis));
             var m5 = MDC.putCloseable("user", user);
             var m6 = MDC.putCloseable("brand", brand)) {
            String line = "{} {} {} {}ms user={}{}";
            Object[] args = {request.getMethod(), path, status, millis, user == null ? "-" : user,
                    brand == null ? "" : " brand=" + brand};
            if (probe) {
                log.debug(line, args);
            } else {
                log.info(line, args);
            }
        }
    }

    /** Spring Security keeps a stateless request's context as a request attribute once it authenticated it. */
    private static String user(HttpServletRequest request) {
        SecurityContext context = new RequestAttributeSecurityContextRepository().loadDeferredContext(request).get();
        Authentication authentication = context == null ? null : context.getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return null;
        }
        return authentication.getPrincipal() instanceof CurrentUser user ? user.id() : authentication.getName();
    }

    /** A brand id from the path or the query, only when it looks like one (no free text reaches the log). */
    static String brand(String path, String query) {
        Matcher m = BRAND_PATH.matcher(path);
        if (m.find()) {
            return safe(m.group(1));
        }
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("brand=")) {
                    return safe(URLDecoder.decode(pair.substring("brand=".length()), StandardCharsets.UTF_8));
                }
            }
        }
        return null;
    }

    private static String safe(String value) {
        return value != null && SAFE.matcher(value).matches() ? value : null;
    }
}
