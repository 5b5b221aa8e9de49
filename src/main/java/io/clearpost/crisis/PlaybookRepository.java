package io.clearpost.crisis;

import org.springframework.data.repository.ListCrudRepository;

import java.util.List;
import java.util.Optional;

interface PlaybookRepository extends ListCrudRepository<Playbook, String> {

    List<Playbook> findByBrandOrderByScenario(String brand);

    Optional<Playbook> findByBrandAndScenario(String brand, String scenario);
}
