package io.clearpost.content;

import java.util.List;

/**
 * The posts of a content item on its platforms, as the content API shows them. The publish module owns
 * publications and provides this; content only reads it, so it never depends on publish.
 */
public interface PostsOfContent {

    List<ContentView.Post> of(String contentId);
}
