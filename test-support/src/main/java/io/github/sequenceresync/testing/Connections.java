package io.github.sequenceresync.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/** Connections as hosts see them in tests. */
public final class Connections {

    private Connections() {
    }

    /**
     * The connection, for a host (Flyway, Liquibase) to use and close as often as it likes while it
     * stays one server connection: what behind a pooler with one connection would happen.
     */
    public static Connection neverClosed(Connection physical) {
        return (Connection) Proxy.newProxyInstance(physical.getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
