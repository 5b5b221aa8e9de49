package io.clearpost.task;

import io.clearpost.support.InvalidInput;
import io.clearpost.tenancy.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/tasks")
class TaskController {

    static final int MAX_OFFSET = 1_000_000;

    private final Tasks tasks;

    TaskController(Tasks tasks) {
        this.tasks = tasks;
    }

    @GetMapping
    ResponseEntity<List<TaskView>> list(@AuthenticationPrincipal CurrentUser user,
                                        @RequestParam(required = false) String brand,
                                        @RequestParam(required = false) String key,
                                        @RequestParam(required = false) String assignee,
                                        @RequestParam(required = false) SlaState sla,
                                        @RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "20") int size) {
        if (assignee != null && !assignee.equals("me")) {
            throw new InvalidInput("assignee", "must be \"me\"");
        }
        if (page < 0) {
            throw new InvalidInput("page", "must be 0 or more");
        }
        if (size < 1 || size > 100) {
            throw new InvalidInput("size", "must be between 1 and 100");
        }
        // computed in long: page × size must not overflow the engine's int offset
        if ((long) page * size > MAX_OFFSET) {
            throw new InvalidInput("page", "must leave page × size at most " + MAX_OFFSET);
        }
        Tasks.Page result = tasks.list(user, new Tasks.Filter(brand, key, assignee != null, sla, page, size));
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(result.total())).body(result.tasks());
    }

    @GetMapping("/{id}")
    TaskView get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return tasks.get(user, id);
    }

    @PostMapping("/{id}/claim")
    ResponseEntity<Void> claim(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        tasks.claim(user, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/unclaim")
    ResponseEntity<Void> unclaim(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        tasks.unclaim(user, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/complete")
    ResponseEntity<Void> complete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id,
                                  @RequestBody Map<String, Object> values) {
        tasks.complete(user, id, values);
        return ResponseEntity.noContent().build();
    }
}
