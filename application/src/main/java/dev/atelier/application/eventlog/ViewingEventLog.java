package dev.atelier.application.eventlog;

import java.util.List;
import java.util.Map;

/**
 * Views of the event log for operators (REST and CLI). A store that cannot answer is reported as
 * {@link EventLogUnavailableException}, so the caller can tell "not reachable" from "nothing there".
 */
public final class ViewingEventLog {

    private final EventLogStore store;

    public ViewingEventLog(EventLogStore store) {
        this.store = store;
    }

    public List<Map<String, Object>> find(LogQuery query) {
        try {
            return store.find(query);
        } catch (RuntimeException e) {
            throw new EventLogUnavailableException(store.describe(), e);
        }
    }

    public LogStats stats(LogQuery query) {
        try {
            return store.stats(query);
        } catch (RuntimeException e) {
            throw new EventLogUnavailableException(store.describe(), e);
        }
    }
}
