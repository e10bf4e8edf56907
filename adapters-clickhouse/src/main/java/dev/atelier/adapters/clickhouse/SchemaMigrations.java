package dev.atelier.adapters.clickhouse;

import static dev.atelier.adapters.clickhouse.ClickHouseSql.identifier;
import static dev.atelier.adapters.clickhouse.ClickHouseSql.literal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.application.eventlog.LogTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event log's schema, versioned: each migration has a number, and a {@code schema_version} table in the
 * database records the numbers applied. Preparing applies the missing ones in order.
 *
 * <p>Two processes may prepare at the same moment: every statement is {@code IF NOT EXISTS}, so running a
 * migration twice is harmless, and {@code schema_version} is a {@code ReplacingMergeTree} on the version, so
 * a version both record is read (with {@code FINAL}) once.
 */
final class SchemaMigrations {

    static final String VERSION_TABLE = "schema_version";

    /** A numbered change of the schema; its statements must be safe to run twice. */
    record Migration(int version, String description, List<String> statements) { }

    private final ClickHouseHttp http;
    private final String database;
    private final Map<LogTable, TableLayout> layouts;

    SchemaMigrations(ClickHouseHttp http, String database, Map<LogTable, TableLayout> layouts) {
        this.http = http;
        this.database = database;
        this.layouts = layouts;
    }

    /**
     * Every migration, oldest first. Migration 1 is built from {@link LogTable} as it stands; when its columns
     * change, migration 1 must be pinned to the statements it ran so far and the change added as migration 2
     * ({@code verifyColumns} fails at start-up until then).
     */
    List<Migration> all() {
        List<String> createTables = new ArrayList<>();
        for (LogTable table : LogTable.values()) {
            createTables.add(layouts.get(table).createStatement());
        }
        return List.of(new Migration(1, "create the event log tables", createTables));
    }

    void migrate() {
        http.execute("create database " + database, "CREATE DATABASE IF NOT EXISTS " + identifier(database));
        http.execute("create " + versionTable(), "CREATE TABLE IF NOT EXISTS " + versionTable()
                + " (`version` UInt32, `description` String, `applied_at` DateTime('UTC'))"
                + " ENGINE = ReplacingMergeTree ORDER BY `version`");
        Set<Integer> applied = appliedVersions();
        for (Migration migration : all()) {
            if (!applied.contains(migration.version())) {
                apply(migration);
            }
        }
        verifyColumns();
    }

    /** The versions recorded, each once however many processes recorded it. */
    Set<Integer> appliedVersions() {
        String answer = http.execute("read the schema version",
                "SELECT `version` FROM " + versionTable() + " FINAL FORMAT JSONEachRow");
        Set<Integer> versions = new TreeSet<>();
        for (JsonNode row : JsonEachRow.objects(answer)) {
            versions.add(JsonEachRow.field(row, "version").intValue());
        }
        return versions;
    }

    private void apply(Migration migration) {
        String action = "apply schema migration " + migration.version() + " (" + migration.description() + ")";
        for (String statement : migration.statements()) {
            http.execute(action, statement);
        }
        http.execute(action, "INSERT INTO " + versionTable() + " (`version`, `description`, `applied_at`) VALUES ("
                + migration.version() + ", " + literal(migration.description()) + ", "
                + literal(ClickHouseSql.dateTime(Instant.now())) + ")");
    }

    /**
     * Tables this store did not create, or created by an older release, would otherwise fail only at the
     * first insert or read; checking every column once here gives one clear error at start-up instead.
     */
    private void verifyColumns() {
        String answer = http.execute("read the event log's columns",
                "SELECT `table`, `name`, `type` FROM system.columns WHERE `database` = " + literal(database)
                        + " FORMAT JSONEachRow");
        Map<String, Map<String, String>> found = new LinkedHashMap<>();
        for (JsonNode row : JsonEachRow.objects(answer)) {
            found.computeIfAbsent(JsonEachRow.field(row, "table").textValue(), table -> new LinkedHashMap<>())
                    .put(JsonEachRow.field(row, "name").textValue(), JsonEachRow.field(row, "type").textValue());
        }
        for (TableLayout layout : layouts.values()) {
            Map<String, String> expected = layout.storedColumns();
            Map<String, String> actual = found.getOrDefault(layout.table().tableName(), Map.of());
            if (!actual.equals(expected)) {
                throw new IllegalStateException(database + "." + layout.table().tableName()
                        + " does not have the columns this release needs: expected " + expected + ", found " + actual);
            }
        }
    }

    private String versionTable() {
        return identifier(database) + "." + identifier(VERSION_TABLE);
    }
}
