package io.clearpost.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * {@code /error}, where the servlet container forwards the errors that never reached a controller, answered
 * before Spring Boot's error controller can: the status the container sends, as problem+json with the
 * security headers. Asked for directly it is a page that does not exist (404), never a 500 with status 999.
 * A filter rather than a controller: {@code /error} is not part of the API and not in its OpenAPI document.
 */
@Configuration
class ErrorPage {

    static final String PATH = "/error";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> errorPageFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !PATH.equals(request.getRequestURI());
            }

            @Override
            protected boolean shouldNotFilterErrorDispatch() {
                return false;
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (response.isCommitted()) {
                    return;
                }
                Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
                int status = request.getDispatcherType() == DispatcherType.ERROR && code instanceof Integer c
                        && c >= 400 && c <= 599 ? c : HttpServletResponse.SC_NOT_FOUND;
                String detail = status == 404 ? "No such resource" : status >= 500 ? "Unexpected error"
                        : "The request cannot be processed";
                response.resetBuffer();
                ProblemResponses.write(response, status, detail);
            }
        });
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 12);
        registration.addUrlPatterns(PATH);
        return registration;
    }
}
