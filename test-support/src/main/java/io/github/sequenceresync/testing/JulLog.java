package io.github.sequenceresync.testing;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What was logged through java.util.logging (Liquibase's logging, and Flyway's on some versions) while some work ran. */
public final class JulLog {

    /** Work that may throw. */
    public interface Work {
        void run() throws Exception;
    }

    private JulLog() {
    }

    /** The messages of at least {@code level} logged while {@code work} ran, one a line. */
    public static String during(Level level, Work work) throws Exception {
        StringBuilder messages = new StringBuilder();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= level.intValue() && record.getMessage() != null) {
                    messages.append(record.getMessage()).append('\n');
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try {
            work.run();
        } finally {
            root.removeHandler(handler);
        }
        return messages.toString();
    }
}
