package io.clearpost.crisis;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The playbook a crisis's statement was last drafted from (crisis_playbook), with the placeholder values it was filled
 * with; its filled reply templates go to {@link CrisisReplies} with the draft.
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
        jdbc.sql("INSERT INTO crisis_playbook (crisis_id, playbook_id, playbook_hash, placeholders, unchanged)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(crisisId, playbook.playbookId(), playbook.hash(), Crisis.json(playbook.values()), unchanged)
                .update();
    }

    /** The playbook the statement was last drafted from and its placeholder values as JSON text, if any. */
    Optional<LastUse> lastUse(String crisisId) {
        return jdbc.sql("SELECT playbook_id, placeholders FROM crisis_playbook WHERE crisis_id = ?").param(crisisId)
                .query((rs, n) -> new LastUse(rs.getString(1), rs.getString(2))).optional();
    }

    record LastUse(String playbookId, String placeholders) {
    }
}
