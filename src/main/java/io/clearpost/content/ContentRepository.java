package io.clearpost.content;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.util.List;

public interface ContentRepository extends ListCrudRepository<ContentItem, String> {

    List<ContentItem> findByBriefIdOrderByPosition(String briefId);

    @Query("SELECT * FROM content_item WHERE brand = :brand ORDER BY brief_id, position")
    List<ContentItem> findByBrand(String brand);

    @Query("SELECT * FROM content_item WHERE brand = :brand AND publish_at >= :from AND publish_at < :to "
            + "ORDER BY publish_at")
    List<ContentItem> findScheduled(String brand, java.time.Instant from, java.time.Instant to);

    @Query("SELECT * FROM content_item WHERE brand = :brand AND status = :status ORDER BY brief_id, position")
    List<ContentItem> findByBrandAndStatus(String brand, String status);
}
