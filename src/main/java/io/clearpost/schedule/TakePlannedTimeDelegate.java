package io.clearpost.schedule;

import io.clearpost.engine.EngineClock;
import io.clearpost.engine.Actor;
import io.clearpost.content.ContentItem;
import io.clearpost.content.ContentService;
import io.clearpost.tenancy.BrandRepository;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * scheduling.bpmn "Take the planned time": a planned time inside the window and in the future
 * becomes the publish time (in the brand's zone); sets {@code scheduled}.
 */
@Component("takePlannedTimeDelegate")
class TakePlannedTimeDelegate implements JavaDelegate {

    private final ContentService content;
    private final BrandRepository brands;

    TakePlannedTimeDelegate(ContentService content, BrandRepository brands) {
        this.content = content;
        this.brands = brands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ContentItem item = content.find((String) execution.getVariable("contentId"));
        boolean usable = item.plannedTimeUsable(EngineClock.now());
        if (usable) {
            content.schedule(item.id(), item.plannedAt(), brands.findById(item.brand()).orElseThrow().zone(),
                    Actor.of(execution));
        }
        execution.setVariable("scheduled", usable);
        // the window timer of scheduling.bpmn
        execution.setVariable("publishBefore", java.util.Date.from(item.publishBefore()));
    }
}
