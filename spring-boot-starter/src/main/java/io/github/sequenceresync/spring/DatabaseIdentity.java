package io.github.sequenceresync.spring;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Which database a DataSource reaches, whatever route it takes (a pooler, another host name, another
 * role): its name and its server's start time, which no two running servers share; and where its
 * connections resolve unqualified names.
 *
 * @param database   the database's name and its server's start time
 * @param searchPath the schemas unqualified names resolve in
 */
record DatabaseIdentity(String database, String searchPath) {

    /** Read on a connection of {@code dataSource}; empty when it cannot say (not PostgreSQL, not reachable). */
    static Optional<DatabaseIdentity> of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_catalog.current_database() || ' '"
                                               + " || pg_catalog.pg_postmaster_start_time(),"
                                               + " pg_catalog.current_schemas(false)::text")) {
                return rs.next() ? Optional.of(new DatabaseIdentity(rs.getString(1), rs.getString(2))) : Optional.empty();
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback(); // a pool with auto-commit off gets its connection back as it gave it
                }
            }
        } catch (SQLException notPostgres) {
            return Optional.empty();
        }
    }
}
