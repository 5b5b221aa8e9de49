package io.clearpost.brief;

import org.springframework.data.repository.ListCrudRepository;

import java.util.List;

public interface BriefRepository extends ListCrudRepository<Brief, String> {

    List<Brief> findByBrandOrderByCreatedAtDesc(String brand);
}
