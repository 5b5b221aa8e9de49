package io.clearpost.support;

import java.util.List;

/** Input refused before anything changed, naming each offending field. */
public class InvalidInput extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super("The request has invalid fields");
        this.errors = List.copyOf(errors);
    }

    public InvalidInput(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
