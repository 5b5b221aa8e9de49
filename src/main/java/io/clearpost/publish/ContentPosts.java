package io.clearpost.publish;

import io.clearpost.content.ContentView;
import io.clearpost.content.PostsOfContent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** The posts the content API shows with a content item, read from the publications. */
@Component
class ContentPosts implements PostsOfContent {

    private final PublicationRepository publications;

    ContentPosts(PublicationRepository publications) {
        this.publications = publications;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ContentView.Post> of(String contentId) {
        return publications.findByContent(contentId).stream()
                .map(p -> new ContentView.Post(p.platform(), p.status().name(), p.idempotencyKey(), p.attempts(),
                        p.postId(), p.url(), p.lastError(), p.publishedAt()))
                .toList();
    }
}
