package io.clearpost.content;

import io.clearpost.engine.Actor;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * legal-validation.bpmn "Record the required reviews": keeps approval-routing.dmn's result
 * ({@code routing}: review + rule) on the content item, so each decision names the rule that
 * required it, and sets {@code requiredReviews} for the split.
 */
@Component("recordApprovalRoutingDelegate")
class RecordApprovalRoutingDelegate implements JavaDelegate {

    private final ContentService content;

    RecordApprovalRoutingDelegate(ContentService content) {
        this.content = content;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(DelegateExecution execution) {
        String contentId = (String) execution.getVariable("contentId");
        List<Map<String, Object>> routing = (List<Map<String, Object>>) execution.getVariable("routing");
        List<RequiredReview> reviews = routing.stream()
                .map(row -> new RequiredReview((String) row.get("review"), (String) row.get("rule")))
                .toList();
        String actor = Actor.of(execution);
        content.change(contentId, it -> it.routeReviews(reviews, actor));
        // the review keys as one text ("legal-review,compliance-review"): legal-validation.bpmn asks
        // ${requiredReviews.contains('legal-review')}, and no list is stored as a process variable
        execution.setVariable("requiredReviews", String.join(",", reviews.stream().map(RequiredReview::reviewKey).toList()));
    }
}
