package io.clearpost.web;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * A request the API refuses, with the status it maps to. Services throw the factory methods'
 * results; {@link ProblemHandling} turns them into application/problem+json.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldError> errors;

    private ApiException(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " not found", List.of());
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, detail, List.of());
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail, List.of());
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "The request has invalid fields", errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
