package io.clearpost.crisis;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The playbook a crisis's statement was last drafted from (crisis_playbook) and its reply templates filled with the
 * placeholder values; they are the crisis's approved replies once the statement is approved. Without a playbook
 * there are none.
 */
@Component
class PlaybookUses {

    private final JdbcClient jdbc;

    PlaybookUses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String crisisId, Playbooks.Filled playbook, boolean unchanged) {
        jdbc.sql("DELETE FROM crisis_playbook WHERE crisis_id = ?").param(crisisId).update();
        if (playbook == null) {
            return;
        }
        jdbc.sql("INSERT INTO crisis_playbook (crisis_id, playbook_id, playbook_hash, placeholders, unchanged,"
                        + " reply_drafts) VALUES (?, ?, ?, ?, ?, ?)")
                .params(crisisId, playbook.playbookId(), playbook.hash(), Crisis.json(playbook.values()), unchanged,
                        Crisis.json(playbook.replies()))
                .update();
    }

    /** The statement is approved: the filled reply templates of its playbook become the approved replies. */
    void approveReplies(String crisisId) {
        jdbc.sql("UPDATE crisis_playbook SET replies = reply_drafts WHERE crisis_id = ?").param(crisisId).update();
    }

    /** The playbook the statement was last drafted from and its placeholder values as JSON text, if any. */
    Optional<LastUse> lastUse(String crisisId) {
        return jdbc.sql("SELECT playbook_id, placeholders FROM crisis_playbook WHERE crisis_id = ?").param(crisisId)
                .query((rs, n) -> new LastUse(rs.getString(1), rs.getString(2))).optional();
    }

    record LastUse(String playbookId, String placeholders) {
    }

    @SuppressWarnings("unchecked")
    List<Object> replies(String crisisId) {
        return jdbc.sql("SELECT replies FROM crisis_playbook WHERE crisis_id = ? AND replies IS NOT NULL")
                .param(crisisId).query((rs, n) -> rs.getString(1)).optional()
                .map(json -> (List<Object>) Crisis.parse(json)).orElse(List.of());
    }
}
