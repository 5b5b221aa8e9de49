package io.clearpost.support;

import java.util.List;

/** An ordered list of strings kept in one JSON column (mentions, terms, platforms). */
public record StringList(List<String> values) {

    public StringList {
        values = List.copyOf(values);
    }

    public static StringList of(List<String> values) {
        return new StringList(values == null ? List.of() : values);
    }

    public boolean contains(String value) {
        return values.contains(value);
    }
}
