package io.clearpost.audit;

import io.clearpost.tenancy.Brand;
import org.springframework.context.event.EventListener;
import org.springframework.data.relational.core.mapping.event.AfterSaveEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every brand's audit chain exists from the moment the brand does: its head row, at the genesis, is
 * written in the transaction that creates the brand. Appends then only ever lock an existing row, so a
 * brand's first events written by many requests at once queue on it like any later ones (creating it on
 * the first append instead let two transactions both see no head; on MariaDB their duplicate-key waits
 * then deadlock).
 */
@Component
class BrandChains {

    private final JdbcClient jdbc;

    BrandChains(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(AfterSaveEvent<?> saved) {
        if (saved.getEntity() instanceof Brand brand) {
            boolean exists = jdbc.sql("SELECT COUNT(*) FROM audit_head WHERE brand = ?").param(brand.id())
                    .query(Long.class).single() > 0;
            if (!exists) {
                jdbc.sql("INSERT INTO audit_head (brand, last_seq, last_hash) VALUES (?, 0, ?)")
                        .params(brand.id(), AuditLog.GENESIS).update();
            }
        }
    }
}
