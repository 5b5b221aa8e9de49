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
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request body is JSON in UTF-8 or nothing we read: a {@code Content-Type} that does not parse, a wildcard
 * ({@code *}{@code /*}, {@code application/*}) or a charset other than UTF-8 is answered 415 before anything
 * reads the body. (Another charset would be decoded leniently, invalid bytes silently replaced.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class BodyMediaType extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        if (header != null && refused(header)) {
            ProblemResponses.write(response, 415,
                    "Content-Type must be application/json (UTF-8), not " + printable(header));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean refused(String header) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            return true;
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            return true;
        }
        try {
            Charset charset = type.getCharset();
            return charset != null && !StandardCharsets.UTF_8.equals(charset);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static String printable(String header) {
        String shown = header.length() > 100 ? header.substring(0, 100) + "…" : header;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
