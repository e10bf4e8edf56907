package dev.atelier.adapters.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * A database of its own on the test server, created empty, for taking the schema there migration by migration:
 * what a migration does to the data an earlier version left.
 */
final class ScratchDatabase {

    private final String name;

    ScratchDatabase(String name) throws SQLException {
        this.name = name;
        try (Connection server = PostgresTestDatabase.Server.get().getPostgresDatabase().getConnection();
             Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        }
    }

    /** Applies the service's migrations up to {@code version} ("latest" for all). */
    void migrateTo(String version) {
        Flyway.configure().dataSource(url(), "postgres", "postgres").locations("classpath:db/migration")
                .target(version).load().migrate();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "postgres");
    }

    private String url() {
        return "jdbc:postgresql://127.0.0.1:" + PostgresTestDatabase.Server.get().getPort() + "/" + name;
    }

    /** The first column of every row a query returns, as text. */
    static List<String> rows(Statement statement, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
