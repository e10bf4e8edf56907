package dev.atelier.bootstrap.cli.doctor;

import dev.atelier.application.eventlog.EventLogStore;

/** The event log's store answers: ClickHouse when CLICKHOUSE_URL is set, otherwise PostgreSQL. */
final class EventLogCheck implements Check {

    private final EventLogStore store;

    EventLogCheck(EventLogStore store) {
        this.store = store;
    }

    @Override
    public String subject() {
        return "event log " + store.describe();
    }

    @Override
    public Outcome run() {
        store.check();
        return Outcome.passed("answers");
    }
}
