package io.clearpost.tenancy;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface BrandRepository extends ListCrudRepository<Brand, String> {

    /** Reads the freeze flag and locks the brand row until the transaction ends. */
    @Query("SELECT frozen FROM brand WHERE id = :id FOR UPDATE")
    Boolean lockFrozen(String id);
}
