package io.clearpost.tenancy;

import java.util.Arrays;
import java.util.Optional;

/** A role a user holds within one brand; the engine group id is {@code <brand>:<role>}. */
public enum Role {
    STRATEGIST("strategist"),
    CREATIVE("creative"),
    LEGAL("legal"),
    COMPLIANCE("compliance"),
    BRAND_MANAGER("brand-manager"),
    /** The brand's communications director: drafts and signs off holding statements in a crisis. */
    COMMUNICATIONS("communications"),
    AUDITOR("auditor");

    private final String key;

    Role(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public String groupOf(String brand) {
        return brand + ":" + key;
    }

    public static Optional<Role> ofKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
    }
}
