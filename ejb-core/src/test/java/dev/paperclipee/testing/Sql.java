package dev.paperclipee.testing;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Plain JDBC for container tests: what is really in the database, read past the persistence
 * context (each call uses its own connection from the application's data source).
 */
public final class Sql {

    private Sql() {
    }

    public static DataSource dataSource() throws NamingException {
        return InitialContext.doLookup("java:comp/DefaultDataSource");
    }

    public static long count(String sql, Object... params) throws Exception {
        return ((Number) one(sql, params).values().iterator().next()).longValue();
    }

    public static Map<String, Object> one(String sql, Object... params) throws Exception {
        List<Map<String, Object>> rows = rows(sql, params);
        assertEquals(1, rows.size(), () -> sql + " → " + rows);
        return rows.get(0);
    }

    public static List<Map<String, Object>> rows(String sql, Object... params) throws NamingException, SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
                        row.put(rs.getMetaData().getColumnLabel(col), rs.getObject(col));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** One statement that returns a single value, e.g. {@code insert … returning id}. */
    public static Object value(String sql, Object... params) throws Exception {
        return one(sql, params).values().iterator().next();
    }

    /** A statement without a result; returns the number of rows it changed. */
    public static int update(String sql, Object... params) throws Exception {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }

    /** {@link #count}, for conditions polled by {@link #awaitTrue}. */
    public static long countNow(String sql, Object... params) {
        try {
            return count(sql, params);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the condition holds; fails the test after 60 s (no fixed sleeps where a condition can be awaited). */
    public static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                org.junit.jupiter.api.Assertions.fail("not within 60 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
