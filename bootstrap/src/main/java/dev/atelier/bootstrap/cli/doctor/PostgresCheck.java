package dev.atelier.bootstrap.cli.doctor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Connects to the service's database with a connection of its own (not the pool, whose waits are longer and
 * whose errors say less), runs {@code SELECT 1}, and reads the schema version Flyway recorded.
 */
final class PostgresCheck implements Check {

    private final String url;
    private final String username;
    private final String password;
    private final Duration timeout;

    PostgresCheck(String url, String username, String password, Duration timeout) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.timeout = timeout;
    }

    @Override
    public String subject() {
        return "postgresql " + url;
    }

    @Override
    public Outcome run() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        String seconds = String.valueOf(Math.max(1, timeout.toSeconds()));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("ApplicationName", "atelier doctor");
        try (Connection connection = DriverManager.getConnection(url, properties);
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            String server = connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
            return Outcome.passed(server + ", " + schemaVersion(statement));
        }
    }

    /** The schema is the service's to migrate; a database it never started on simply has no version yet. */
    private static String schemaVersion(Statement statement) {
        try (ResultSet version = statement.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1")) {
            return version.next() ? "schema version " + version.getString(1) : "no schema migrated yet";
        } catch (SQLException e) {
            return "schema version unknown (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }
}
