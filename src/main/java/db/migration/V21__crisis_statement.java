package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A crisis's holding statement is a content item of its brand without a brief: {@code brief_id} becomes optional
 * and {@code crisis_id} names the crisis whose statement it is (the one post that passes a freeze). Java, not SQL,
 * because H2 and MariaDB have no common syntax for dropping a NOT NULL.
 */
public class V21__crisis_statement extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean h2 = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("h2");
        try (Statement sql = connection.createStatement()) {
            sql.execute(h2 ? "ALTER TABLE content_item ALTER COLUMN brief_id SET NULL"
                    : "ALTER TABLE content_item MODIFY brief_id VARCHAR(36) NULL");
            sql.execute("ALTER TABLE content_item ADD COLUMN crisis_id VARCHAR(36) NULL");
            sql.execute("CREATE INDEX ix_content_crisis ON content_item (crisis_id)");
        }
    }
}
