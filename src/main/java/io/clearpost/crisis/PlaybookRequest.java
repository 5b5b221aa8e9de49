package io.clearpost.crisis;

import java.util.List;
import java.util.Map;

/** POST and PUT /api/brands/{brand}/playbooks: checked field by field by {@link Playbooks}. */
record PlaybookRequest(String scenario, String title, Map<String, Text> statement, List<String> placeholders,
                       List<Reply> replies) {

    record Text(String text) {
    }

    record Reply(String name, String text) {
    }
}
