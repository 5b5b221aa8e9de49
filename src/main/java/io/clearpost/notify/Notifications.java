package io.clearpost.notify;

import io.clearpost.engine.EngineClock;
import io.clearpost.tenancy.UserProfile;
import io.clearpost.tenancy.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Writes notifications to the outbox, in the transaction of the change that causes them: the mail exists
 * exactly when its cause does. {@link MailDispatcher} sends them after that transaction commits.
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    /** How instants in a model are shown: in the recipient's zone, with the zone's name. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm (VV)", Locale.ENGLISH);

    private final Users users;
    private final Preferences preferences;
    private final MailTemplates templates;
    private final Outbox outbox;
    private final MailDispatcher dispatcher;
    private final MailSettings settings;

    Notifications(Users users, Preferences preferences, MailTemplates templates, Outbox outbox,
                  MailDispatcher dispatcher, MailSettings settings) {
        this.users = users;
        this.preferences = preferences;
        this.templates = templates;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.settings = settings;
    }

    /**
     * Notifies one user, inside the caller's transaction. The kind's templates are rendered with the model plus
     * {@code name} (the recipient's), {@code brand} and {@code timeZone}; every {@link Instant} in the model
     * (also inside maps and lists) is shown as a time in the recipient's zone, and an {@code apiLink} that starts
     * with {@code /} gets {@code clearpost.mail.base-url} in front. The recipient's preference decides: OFF writes
     * nothing (unless the kind is mandatory), DIGEST keeps the row for the next daily digest, IMMEDIATE writes a
     * pending row that is sent after commit. A user without an e-mail address gets nothing. The same
     * {@code dedupeKey} never writes a second row for the same user.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void notify(NotificationKind kind, String userId, String brand, String dedupeKey, Map<String, Object> model) {
        UserProfile user = users.profile(userId).orElse(null);
        if (user == null || user.email() == null) {
            log.debug("No {} notification for {}: {}", kind, userId, user == null ? "no such user" : "no e-mail address");
            return;
        }
        Delivery delivery = kind.alwaysImmediate() ? Delivery.IMMEDIATE : preferences.of(userId, kind);
        if (delivery == Delivery.OFF && !kind.mandatory()) {
            log.debug("No {} notification for {}: turned off", kind, userId);
            return;
        }
        if (outbox.exists(userId, dedupeKey)) {
            return;
        }
        Map<String, Object> values = localized(model, user.timeZone(), baseUrl());
        values.put("name", user.name());
        values.put("brand", brand);
        values.put("timeZone", user.timeZone().getId());
        MailTemplates.Rendered mail = templates.render(kind, values);
        String id = UUID.randomUUID().toString();
        Object taskId = model.get("taskId");
        String status = delivery == Delivery.DIGEST ? Outbox.DIGEST : Outbox.PENDING;
        try {
            outbox.insert(id, kind, userId, user.email(), mail, messageId(id), brand,
                    taskId == null ? null : taskId.toString(), dedupeKey, status, EngineClock.now());
        } catch (DuplicateKeyException e) {
            // a concurrent transaction wrote the same cause for this user first
            log.debug("{} notification for {} ({}) exists already", kind, userId, dedupeKey);
            return;
        }
        if (status.equals(Outbox.PENDING)) {
            sendAfterCommit(id);
        }
    }

    /**
     * Notifies every member of the engine group {@code <brand>:<role>} (or, for {@code admin}, the administrators),
     * inside the caller's transaction. A role
     * without members notifies the administrators (group {@code admin}) instead, so that nothing is lost.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void notifyRole(NotificationKind kind, String brand, String role, String dedupeKey, Map<String, Object> model) {
        // "admin" names the administrators, who hold no brand role
        List<String> members = users.membersOf(Users.ADMIN_GROUP.equals(role) ? Users.ADMIN_GROUP : brand + ":" + role);
        if (members.isEmpty()) {
            log.info("Nobody holds {} in {}: the {} notification goes to the administrators", role, brand, kind);
            members = users.membersOf(Users.ADMIN_GROUP);
        }
        for (String member : members) {
            Map<String, Object> withRole = new LinkedHashMap<>(model);
            withRole.putIfAbsent("role", role);
            notify(kind, member, brand, dedupeKey, withRole);
        }
    }

    static String messageId(String id) {
        return "<" + id + "@clearpost>";
    }

    private String baseUrl() {
        String base = settings.baseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private void sendAfterCommit(String id) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.nudge(id);
            }
        });
    }

    /** A copy of the model for one recipient: instants at their zone, {@code apiLink}s (at any depth) absolute. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> localized(Map<String, Object> model, ZoneId zone, String baseUrl) {
        return (Map<String, Object>) localize(model, zone, baseUrl);
    }

    private static Object localize(Object value, ZoneId zone, String baseUrl) {
        if (value instanceof Instant instant) {
            return TIME.format(ZonedDateTime.ofInstant(instant, zone));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), "apiLink".equals(k) && v instanceof String link
                    && link.startsWith("/") ? baseUrl + link : localize(v, zone, baseUrl)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(localize(v, zone, baseUrl)));
            return copy;
        }
        return value;
    }
}
