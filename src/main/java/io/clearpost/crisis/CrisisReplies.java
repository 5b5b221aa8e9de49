package io.clearpost.crisis;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reply templates a crisis gives its moderators (crisis_reply), drafted and approved in the same round as the
 * holding statement: each draft replaces them (the playbook's, filled in, and those the drafter wrote), and the
 * approval of the statement's revision approves them with it. Only approved replies are read out to the brand.
 */
@Component
class CrisisReplies {

    private final JdbcClient jdbc;

    CrisisReplies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The replies drafted with the statement's new revision; replies approved with an earlier one stay until then. */
    void drafted(String crisisId, List<Map<String, Object>> replies) {
        int updated = jdbc.sql("UPDATE crisis_reply SET drafts = ? WHERE crisis_id = ?")
                .params(Crisis.json(replies), crisisId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO crisis_reply (crisis_id, drafts) VALUES (?, ?)")
                    .params(crisisId, Crisis.json(replies)).update();
        }
    }

    /** The statement's revision {@code hash} is approved: the replies drafted with it are the approved replies. */
    void approved(String crisisId, String hash) {
        List<Object> approved = drafts(crisisId).stream().map(draft -> {
            Map<String, Object> reply = new LinkedHashMap<>(draft);
            reply.put("approved", true);
            reply.put("revisionHash", hash);
            return (Object) reply;
        }).toList();
        jdbc.sql("UPDATE crisis_reply SET approved = ? WHERE crisis_id = ?").params(Crisis.json(approved), crisisId)
                .update();
    }

    /** The replies of the current draft, not yet approved: what the statement's reviewers judge with it. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> drafts(String crisisId) {
        return jdbc.sql("SELECT drafts FROM crisis_reply WHERE crisis_id = ?").param(crisisId)
                .query((rs, n) -> rs.getString(1)).optional()
                .map(json -> (List<Map<String, Object>>) Crisis.parse(json)).orElse(List.of());
    }

    /** The approved replies, which every member of the brand reads; none before the statement is approved. */
    @SuppressWarnings("unchecked")
    List<Object> approved(String crisisId) {
        return jdbc.sql("SELECT approved FROM crisis_reply WHERE crisis_id = ? AND approved IS NOT NULL")
                .param(crisisId).query((rs, n) -> rs.getString(1)).optional()
                .map(json -> (List<Object>) Crisis.parse(json)).orElse(List.of());
    }
}
