package dev.atelier.bootstrap.cli.logs;

import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogTable;
import dev.atelier.application.eventlog.ViewingEventLog;
import dev.atelier.bootstrap.cli.support.Json;
import dev.atelier.bootstrap.cli.support.TextTable;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atelier logs view <table>}: the newest entries of one log table that match the filters. */
@Command(name = "view",
        description = {"Prints the newest entries of a log table.",
                "The entries that match the filters, newest first, as an "
                + "aligned table of its most useful columns, or every column as JSON lines with --json.",
                "A filter the table does not have is a usage error (exit code 2)."})
@Prototype
public class LogsViewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TABLE", description = "kafka_logs, notification_logs or application_logs.")
    String tableName;

    @Mixin
    LogFilterOptions filters;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + LogQuery.DEFAULT_LIMIT,
            description = "At most this many entries, 1 to " + LogQuery.MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON object per entry and line, with every column.")
    boolean json;

    private final BeanProvider<ViewingEventLog> eventLog;

    LogsViewCommand(BeanProvider<ViewingEventLog> eventLog) {
        this.eventLog = eventLog;
    }

    @Override
    public Integer call() {
        LogTable table = LogTables.named(tableName, spec);
        LogQuery query = filters.query(table, limit);
        List<Map<String, Object>> rows = eventLog.get().find(query);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            rows.forEach(row -> out.println(Json.line(row)));
            return 0;
        }
        if (rows.isEmpty()) {
            out.println("no entries in " + table.tableName() + " match");
            return 0;
        }
        List<String> columns = LogTables.shownColumns(table);
        TextTable text = TextTable.withColumns(columns.toArray(String[]::new));
        rows.forEach(row -> text.row(columns.stream().map(row::get).toArray()));
        text.print(out);
        return 0;
    }
}
