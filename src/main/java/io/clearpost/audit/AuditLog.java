package io.clearpost.audit;

import io.clearpost.support.CanonicalJson;
import io.clearpost.engine.EngineClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-brand, append-only hash chain of domain events. Each event's hash covers the previous
 * hash and the event's canonical JSON, so any later edit or deletion breaks {@link #verify}.
 * Appends join the caller's transaction: an event exists exactly when its change does.
 */
@Service
public class AuditLog {

    static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Only {@link AuditTrail} appends: the other modules register {@link io.clearpost.events.DomainEvent}s. */
    @Transactional(propagation = Propagation.MANDATORY)
    AuditEvent append(String brand, String type, String actor, String briefId, String contentId,
                             Map<String, ?> payload) {
        Head head = lockHead(brand);
        long seq = head.seq + 1;
        String prevHash = head.hash;
        Instant at = EngineClock.now().truncatedTo(ChronoUnit.MILLIS);
        String payloadJson = CanonicalJson.of(payload);
        AuditEvent event = new AuditEvent(brand, seq, type, actor, at, briefId, contentId, payloadJson, prevHash,
                hashOf(prevHash, brand, seq, type, actor, at, briefId, contentId, payloadJson));
        jdbc.sql("""
                        INSERT INTO audit_event (brand, seq, type, actor, occurred_at, brief_id, content_id, payload, prev_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(brand, seq, type, actor, java.sql.Timestamp.from(at), briefId, contentId, payloadJson, prevHash,
                        event.hash())
                .update();
        jdbc.sql("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE brand = ?")
                .params(seq, event.hash(), brand).update();
        return event;
    }

    /**
     * The brand's head row, locked until the caller's transaction ends: it serialises appends per brand
     * (SELECT … FOR UPDATE on H2 and MariaDB alike). The row exists from the brand's creation
     * ({@link BrandChains}, and migration V5 for older brands); a brand inserted behind Clearpost's back gets
     * it here, at the genesis.
     */
    private Head lockHead(String brand) {
        Optional<Head> head = jdbc.sql("SELECT last_seq, last_hash FROM audit_head WHERE brand = ? FOR UPDATE")
                .param(brand)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .optional();
        if (head.isPresent()) {
            return head.get();
        }
        jdbc.sql("INSERT INTO audit_head (brand, last_seq, last_hash) VALUES (?, 0, ?)").params(brand, GENESIS).update();
        return new Head(0, GENESIS);
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> forContent(String contentId) {
        return query("WHERE content_id = ? ORDER BY seq", contentId);
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> forBrief(String briefId) {
        return query("WHERE brief_id = ? ORDER BY seq", briefId);
    }

    /** Recomputes the brand's chain from the genesis; reports the first event whose link does not hold. */
    @Transactional(readOnly = true)
    public Verification verify(String brand) {
        List<AuditEvent> events = query("WHERE brand = ? ORDER BY seq", brand);
        String prev = GENESIS;
        long expectedSeq = 1;
        for (AuditEvent e : events) {
            String recomputed = hashOf(prev, e.brand(), e.seq(), e.type(), e.actor(), e.occurredAt(), e.briefId(),
                    e.contentId(), e.payload());
            if (e.seq() != expectedSeq || !e.prevHash().equals(prev) || !e.hash().equals(recomputed)) {
                return new Verification(false, events.size(), e.seq());
            }
            prev = e.hash();
            expectedSeq++;
        }
        Optional<Head> head = jdbc.sql("SELECT last_seq, last_hash FROM audit_head WHERE brand = ?").param(brand)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional();
        // a deleted tail shows as a head that points past the last event
        if (head.isPresent() && (head.get().seq != events.size() || !head.get().hash.equals(prev))) {
            return new Verification(false, events.size(), (long) events.size() + 1);
        }
        return new Verification(true, events.size(), null);
    }

    /**
     * At most {@code size} of the brand's events after sequence {@code afterSeq} that occurred in [from, to),
     * in sequence order: the export reads the trail page by page (keyset on the primary key), never whole.
     */
    @Transactional(readOnly = true)
    public List<AuditEvent> page(String brand, Instant from, Instant to, long afterSeq, int size) {
        return query("WHERE brand = ? AND seq > ? AND occurred_at >= ? AND occurred_at < ? ORDER BY seq LIMIT ?",
                brand, afterSeq, java.sql.Timestamp.from(from), java.sql.Timestamp.from(to), size);
    }

    private List<AuditEvent> query(String where, Object... params) {
        return jdbc.sql("SELECT brand, seq, type, actor, occurred_at, brief_id, content_id, payload, prev_hash, hash "
                        + "FROM audit_event " + where)
                .params(params)
                .query((rs, n) -> new AuditEvent(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10)))
                .list();
    }

    static String hashOf(String prevHash, String brand, long seq, String type, String actor, Instant at,
                         String briefId, String contentId, String payloadJson) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("brand", brand);
        event.put("seq", seq);
        event.put("type", type);
        event.put("actor", actor);
        event.put("at", at.toString());
        event.put("briefId", briefId);
        event.put("contentId", contentId);
        event.put("payload", payloadJson);
        return CanonicalJson.sha256Hex(prevHash + CanonicalJson.of(event));
    }

    private record Head(long seq, String hash) {
    }

    public record Verification(boolean valid, int events, Long brokenAt) {
    }
}
