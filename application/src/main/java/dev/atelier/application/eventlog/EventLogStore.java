package dev.atelier.application.eventlog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where the event log is kept. Every store holds the tables of {@link LogTable} exactly and answers the same
 * query with the same rows; {@code EventLogStoreContract} states this once for all of them.
 */
public interface EventLogStore {

    /** A short name for health and logs, e.g. {@code clickhouse http://127.0.0.1:8123 database logs}. */
    String describe();

    /** Creates what is missing and brings the schema to the current version; safe to call again. */
    void prepare();

    /**
     * Writes entries of one table in one request. Writing an entry whose {@code entry_id} is already stored
     * must not make it appear twice in views or counts.
     *
     * @throws RuntimeException when the store cannot take them; nothing is then known to be written
     */
    void append(LogTable table, List<? extends LogEntry> entries);

    /**
     * The newest matching entries first (ties broken by {@code entry_id}, descending), at most
     * {@code query.limit()}; each row maps every column of the table, in order, to a value typed as
     * {@link LogColumn} describes.
     */
    List<Map<String, Object>> find(LogQuery query);

    LogStats stats(LogQuery query);

    /**
     * Deletes the entries of every table logged before {@code cutoff}. A store may apply it in the background
     * (ClickHouse runs deletions as mutations), so they may stay visible for a moment.
     */
    void purgeBefore(Instant cutoff);

    /** Returns normally when the store answers; throws with the reason when it does not. */
    void check();
}
