package io.github.sequenceresync.liquibase;

import io.github.sequenceresync.testing.SessionState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.SetupException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/** A {@code <customChange>} that records the session state of Liquibase's connection under a key. */
public class SessionStateSnapshot implements CustomTaskChange {

    static final Map<String, List<List<String>>> STATES = new ConcurrentHashMap<>();

    private String key;

    public void setKey(String key) {
        this.key = key;
    }

    @Override
    public void execute(Database database) throws CustomChangeException {
        try {
            List<String> state = SessionState.of(((JdbcConnection) database.getConnection()).getUnderlyingConnection());
            STATES.computeIfAbsent(key, k -> new ArrayList<>()).add(state);
        } catch (SQLException e) {
            throw new CustomChangeException(e);
        }
    }

    @Override
    public String getConfirmationMessage() {
        return "session state read";
    }

    @Override
    public void setUp() throws SetupException {
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
