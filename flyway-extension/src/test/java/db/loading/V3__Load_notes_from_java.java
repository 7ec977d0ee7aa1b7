package db.loading;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A Java migration that loads rows with explicit ids. */
public class V3__Load_notes_from_java extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("INSERT INTO notes (id, body) VALUES (1, 'first'), (500, 'imported')");
        }
    }
}
