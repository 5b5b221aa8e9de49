package io.clearpost.publish;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** Publications in plain SQL: keyed by content id + platform, saved whole, guarded by their version. */
@Repository
class PublicationRepository {

    private static final String COLUMNS = "content_id, platform, status, idempotency_key, attempts, post_id, url, "
            + "last_error, published_at, version";

    private final JdbcClient jdbc;

    PublicationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Publication> findByContent(String contentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM publication WHERE content_id = ? ORDER BY platform")
                .param(contentId).query(PublicationRepository::row).list();
    }

    Optional<Publication> find(String contentId, String platform) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM publication WHERE content_id = ? AND platform = ?")
                .params(contentId, platform).query(PublicationRepository::row).optional();
    }

    /** The posts of a brand held by its freeze, as (content id, platform), oldest content first. */
    List<String[]> heldOf(String brand) {
        return jdbc.sql("""
                        SELECT p.content_id, p.platform FROM publication p JOIN content_item c ON c.id = p.content_id
                        WHERE c.brand = ? AND p.status = 'HELD' ORDER BY p.content_id, p.platform""")
                .param(brand).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    }

    void insert(Publication p) {
        jdbc.sql("INSERT INTO publication (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.contentId(), p.platform(), p.status().name(), p.idempotencyKey(), p.attempts(), p.postId(),
                        p.url(), p.lastError(), timestamp(p), p.version())
                .update();
    }

    /** Saves a changed publication; someone else's change since it was read is an optimistic-locking failure. */
    void update(Publication p) {
        int updated = jdbc.sql("""
                        UPDATE publication SET status = ?, attempts = ?, post_id = ?, url = ?, last_error = ?,
                               published_at = ?, version = version + 1
                        WHERE content_id = ? AND platform = ? AND version = ?""")
                .params(p.status().name(), p.attempts(), p.postId(), p.url(), p.lastError(), timestamp(p),
                        p.contentId(), p.platform(), p.version())
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("publication " + p.contentId() + "/" + p.platform()
                    + " was changed by someone else");
        }
    }

    private static Timestamp timestamp(Publication p) {
        return p.publishedAt() == null ? null : Timestamp.from(p.publishedAt());
    }

    private static Publication row(ResultSet rs, int n) throws SQLException {
        Timestamp published = rs.getTimestamp("published_at");
        return new Publication(rs.getString("content_id"), rs.getString("platform"),
                PublicationStatus.valueOf(rs.getString("status")), rs.getString("idempotency_key"),
                rs.getInt("attempts"), rs.getString("post_id"), rs.getString("url"), rs.getString("last_error"),
                published == null ? null : published.toInstant(), rs.getLong("version"));
    }
}
