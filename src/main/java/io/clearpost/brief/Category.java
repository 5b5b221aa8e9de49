package io.clearpost.brief;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a brief is about; approval-routing.dmn routes reviews by it. */
public enum Category {
    STANDARD("standard"),
    FINANCIAL_PROMOTION("financial-promotion"),
    HEALTH_CLAIM("health-claim"),
    CONTEST("contest"),
    SPONSORED("sponsored");

    private final String key;

    Category(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<Category> ofKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Category::key).toList();
    }
}
