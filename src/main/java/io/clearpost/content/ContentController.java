package io.clearpost.content;

import io.clearpost.tenancy.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/content")
class ContentController {

    private final ContentService content;

    ContentController(ContentService content) {
        this.content = content;
    }

    @GetMapping("/{id}")
    ContentView get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return content.get(user, id);
    }

    @GetMapping
    List<ContentView> list(@AuthenticationPrincipal CurrentUser user, @RequestParam String brand,
                           @RequestParam(required = false) ContentStatus status) {
        return content.list(user, brand, status);
    }
}
