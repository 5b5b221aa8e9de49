package io.clearpost.notify;

import io.clearpost.support.FieldError;
import io.clearpost.support.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Each user's {@link Delivery} per {@link NotificationKind}: a stored choice, else the kind's default. */
@Service
class Preferences {

    private final JdbcClient jdbc;

    Preferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Delivery of(String userId, NotificationKind kind) {
        return jdbc.sql("SELECT delivery FROM notification_preference WHERE user_id = ? AND kind = ?")
                .params(userId, kind.name()).query(String.class).optional()
                .flatMap(Preferences::delivery)
                .orElse(kind.defaultDelivery());
    }

    /** Every kind, in the enum's order, with the user's delivery. */
    Map<NotificationKind, Delivery> all(String userId) {
        Map<NotificationKind, Delivery> all = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationKind.values()) {
            all.put(kind, kind.defaultDelivery());
        }
        jdbc.sql("SELECT kind, delivery FROM notification_preference WHERE user_id = ?").param(userId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(row -> kind(row.getKey()).ifPresent(kind ->
                        delivery(row.getValue()).ifPresent(delivery -> all.put(kind, delivery))));
        return all;
    }

    /**
     * Applies the given kinds' deliveries (the others stay as they are) once every one is valid; otherwise a 400
     * names each offending kind and nothing changes.
     */
    @Transactional
    Map<NotificationKind, Delivery> update(String userId, Map<String, String> changes) {
        List<FieldError> errors = new ArrayList<>();
        Map<NotificationKind, Delivery> valid = new LinkedHashMap<>();
        changes.forEach((name, value) -> {
            Optional<NotificationKind> kind = kind(name);
            Optional<Delivery> delivery = value == null ? Optional.empty() : delivery(value);
            if (kind.isEmpty()) {
                errors.add(new FieldError(name, "is not a notification kind; one of "
                        + Arrays.toString(NotificationKind.values())));
            } else if (delivery.isEmpty()) {
                errors.add(new FieldError(name, "must be one of " + Arrays.toString(Delivery.values())));
            } else if (delivery.get() != Delivery.IMMEDIATE && kind.get().alwaysImmediate()) {
                errors.add(new FieldError(name, "is always IMMEDIATE: " + name
                        + " cannot be turned off or wait for the digest"));
            } else if (delivery.get() == Delivery.OFF && kind.get().mandatory()) {
                errors.add(new FieldError(name, "cannot be turned off: " + name + " must always reach you "
                        + "(IMMEDIATE or DIGEST)"));
            } else if (delivery.get() == Delivery.DIGEST && kind.get() == NotificationKind.DIGEST) {
                errors.add(new FieldError(name, "the digest itself is IMMEDIATE or OFF"));
            } else {
                valid.put(kind.get(), delivery.get());
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        valid.forEach((kind, delivery) -> {
            int updated = jdbc.sql("UPDATE notification_preference SET delivery = ? WHERE user_id = ? AND kind = ?")
                    .params(delivery.name(), userId, kind.name()).update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO notification_preference (user_id, kind, delivery) VALUES (?, ?, ?)")
                        .params(userId, kind.name(), delivery.name()).update();
            }
        });
        return all(userId);
    }

    private static Optional<NotificationKind> kind(String name) {
        return Arrays.stream(NotificationKind.values()).filter(k -> k.name().equals(name)).findFirst();
    }

    private static Optional<Delivery> delivery(String name) {
        return Arrays.stream(Delivery.values()).filter(d -> d.name().equals(name)).findFirst();
    }
}
