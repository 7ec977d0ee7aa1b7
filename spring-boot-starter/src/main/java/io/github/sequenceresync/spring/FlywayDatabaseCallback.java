package io.github.sequenceresync.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;

/**
 * The starter's Flyway callback: the resync's own, which also says, while it handles an event,
 * which DataSource the Flyway that calls it migrated. One callback serves every Flyway of the
 * application; with several databases, its reports are told apart by it ({@link SequenceResyncReports}).
 */
final class FlywayDatabaseCallback {

    private FlywayDatabaseCallback() {
    }

    /**
     * A proxy, as {@link io.github.sequenceresync.flyway.ResyncSequencesCallback#asCallback()} is: a
     * class implementing {@code Callback} compiled against one Flyway lacks the methods another one's
     * {@code Callback} declares (11.14 made it generic).
     *
     * @param migrating set to the calling Flyway's DataSource while {@code resync} handles an event
     */
    static Callback of(Callback resync, ThreadLocal<DataSource> migrating) {
        return (Callback) Proxy.newProxyInstance(Callback.class.getClassLoader(), new Class<?>[] {Callback.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "sequence-resync's Flyway callback (proxy)";
                    default -> {
                        boolean handle = method.getName().equals("handle");
                        if (handle) {
                            migrating.set(((Context) args[1]).getConfiguration().getDataSource());
                        }
                        try {
                            yield method.invoke(resync, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        } finally {
                            if (handle) {
                                migrating.remove();
                            }
                        }
                    }
                });
    }
}
