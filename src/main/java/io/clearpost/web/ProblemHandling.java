package io.clearpost.web;

import io.clearpost.support.NotFound;
import io.clearpost.support.Forbidden;
import io.clearpost.support.Conflict;
import io.clearpost.support.Gone;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.FieldError;
import io.clearpost.support.LostRace;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.List;

/** The one exit of every error: RFC 9457 problem+json, with {@code errors: [{field, message}]} for bad input. */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    // the domain's refusals, thrown by services that know nothing of HTTP

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(Forbidden.class)
    ResponseEntity<Object> forbidden(Forbidden e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<Object> conflict(Conflict e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(Gone.class)
    ResponseEntity<Object> gone(Gone e) {
        return problem(HttpStatus.GONE, e.getMessage());
    }

    /**
     * A concurrent request changed the same task, content or brand first (optimistic locking, a deadlock, a
     * duplicate key): this request's transaction rolled back whole, so the caller may reload and retry.
     */
    static final String CHANGED_CONCURRENTLY = "Changed by someone else at the same time; reload and try again";

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<Object> invalidInput(InvalidInput e) {
        return invalid(e.errors());
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> parameterType(MethodArgumentTypeMismatchException e) {
        return invalid(List.of(new FieldError(e.getName(), "has an invalid value")));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your role does not allow this"));
    }

    /** Last resort: never leak a stack trace, never answer without problem+json. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (LostRace.is(e)) {
            log.info("Concurrent change refused with 409: {}", e.toString());
            return problem(HttpStatus.CONFLICT, CHANGED_CONCURRENTLY);
        }
        log.error("Unexpected error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), f.getDefaultMessage()))
                .toList();
        return invalid(errors);
    }

    /** A required query parameter (e.g. {@code brand}) is validation too: name it in {@code errors}. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return invalid(List.of(new FieldError(e.getParameterName(), "is required")));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> new FieldError(r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return invalid(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimit.BodyTooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.PAYLOAD_TOO_LARGE, "The request body exceeds 1 MiB"));
            }
            if (t instanceof RequestJson.InvalidText text) {
                return invalid(List.of(new FieldError(text.field, text.reason)));
            }
        }
        return invalid(List.of(describe(e.getCause())));
    }

    private static FieldError describe(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldError(path(unknown), "unknown field");
        }
        if (cause instanceof InvalidFormatException format && Temporal.class.isAssignableFrom(format.getTargetType())) {
            return new FieldError(path(format), "must be an ISO-8601 date-time with offset and a year from "
                    + RequestJson.MIN_YEAR + " to " + RequestJson.MAX_YEAR + ", e.g. "
                    + OffsetDateTime.parse("2026-12-01T09:00:00+01:00"));
        }
        if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new FieldError(path(mismatch), "must be " + describeType(mismatch.getTargetType()));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new FieldError(path(mapping), "has an invalid value");
        }
        return new FieldError("body", "must be a well-formed JSON document");
    }

    private static String describeType(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time with offset";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        return "an object";
    }

    /** Jackson's reference path as the API names fields: {@code deliverables[0].platforms}. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static ResponseEntity<Object> invalid(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }
}
