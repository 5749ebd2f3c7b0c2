package dev.codexauth.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the shared test database directly, to check what the server stored (column labels as keys). */
final class Rows {

    private Rows() {
    }

    static List<Map<String, Object>> query(String sql, Object... parameters) {
        try (Connection connection = RunningServer.sharedDatabase().connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static int update(String sql, Object... parameters) {
        try (Connection connection = RunningServer.sharedDatabase().connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static long count(String sql, Object... parameters) {
        return ((Number) query(sql, parameters).get(0).values().iterator().next()).longValue();
    }

    /**
     * A deletion of the host under way: this test's own transaction deletes its row and stays open while {@code arrivals}
     * sends requests (which must not wait for them), then, a second later, commits.
     */
    static void whileHostIsBeingDeleted(long hostId, Runnable arrivals) throws Exception {
        try (Connection deletion = RunningServer.sharedDatabase().connect(); Statement statement = deletion.createStatement()) {
            deletion.setAutoCommit(false);
            statement.executeUpdate("DELETE FROM hosts WHERE id = " + hostId);
            arrivals.run();
            Thread.sleep(1_000);
            deletion.commit();
        }
    }
}
