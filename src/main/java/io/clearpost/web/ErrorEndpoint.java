package io.clearpost.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * {@code /error}, where the servlet container forwards the errors that never reached a controller: the
 * status it sends, as problem+json. Asked for directly, it is a page that does not exist (404), never a
 * 500 with status 999 as Spring Boot's own error controller answers.
 */
@RestController
class ErrorEndpoint implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<byte[]> error(HttpServletRequest request) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer c && c >= 400 && c <= 599 ? c : HttpStatus.NOT_FOUND.value();
        String detail = status == 404 ? "No such resource" : status >= 500 ? "Unexpected error"
                : "The request cannot be processed";
        HttpHeaders headers = new HttpHeaders();
        ProblemResponses.SECURITY_HEADERS.forEach(headers::set);
        headers.setContentType(new MediaType("application", "problem+json", java.nio.charset.StandardCharsets.UTF_8));
        return ResponseEntity.status(status).headers(headers).body(ProblemResponses.body(status, detail));
    }
}
