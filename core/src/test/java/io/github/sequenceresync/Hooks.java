package io.github.sequenceresync;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/** Test connections that run a hook just before each statement executes (to count, kill, race). */
final class Hooks {

    /** Runs before a statement executes, with its SQL. */
    interface BeforeExecute {
        void run(String sql) throws Exception;
    }

    private Hooks() {
    }

    static Connection beforeEachExecute(Connection real, BeforeExecute hook) {
        return (Connection) Proxy.newProxyInstance(Hooks.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (result instanceof Statement statement) {
                        boolean prepared = result instanceof PreparedStatement;
                        String preparedSql = prepared ? (String) args[0] : null;
                        return Proxy.newProxyInstance(Hooks.class.getClassLoader(),
                                new Class<?>[] {prepared ? PreparedStatement.class : Statement.class}, (p, m, a) -> {
                                    if (m.getName().startsWith("execute")) {
                                        hook.run(prepared ? preparedSql : (String) a[0]);
                                    }
                                    return invoke(statement, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
