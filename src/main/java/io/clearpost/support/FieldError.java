package io.clearpost.support;

/** One offending field of a rejected request, as listed in the problem's {@code errors}. */
public record FieldError(String field, String message) {
}
