package io.clearpost.crisis;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.util.List;
import java.util.Optional;

interface CrisisRepository extends ListCrudRepository<Crisis, String> {

    List<Crisis> findByBrandOrderByDeclaredAtDesc(String brand);

    List<Crisis> findByBrandAndStatusOrderByDeclaredAtDesc(String brand, CrisisStatus status);

    List<Crisis> findByStatus(CrisisStatus status);

    Optional<Crisis> findByOpenBrand(String brand);

    @Query("SELECT COUNT(*) FROM crisis WHERE status = 'OPEN' AND COALESCE(severity, suggested_severity) = :severity")
    long countOpenWithSeverity(int severity);
}
