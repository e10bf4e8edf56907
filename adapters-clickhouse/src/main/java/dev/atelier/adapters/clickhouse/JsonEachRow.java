package dev.atelier.adapters.clickhouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.atelier.application.eventlog.LogColumn;
import dev.atelier.application.eventlog.LogEntry;
import dev.atelier.application.eventlog.LogTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ClickHouse's {@code JSONEachRow} format: one JSON object per line. JSON carries every string exactly (quotes,
 * backslashes, control characters, characters beyond the BMP), and 18.16 reads and writes it as current
 * releases do, which is why it is used both ways instead of a tab-separated format.
 */
final class JsonEachRow {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final ObjectReader ROW_READER = MAPPER.readerFor(JsonNode.class);

    private JsonEachRow() {
    }

    /** The body of an insert: the statement on its own line, then one line per entry, every stored column set. */
    static byte[] insertBody(TableLayout layout, List<? extends LogEntry> entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256 + entries.size() * 256);
        body.writeBytes((layout.insertStatement() + "\n").getBytes(StandardCharsets.UTF_8));
        List<LogColumn> columns = layout.table().columns();
        try (JsonGenerator json = FACTORY.createGenerator(body)) {
            json.setRootValueSeparator(null);
            for (LogEntry entry : entries) {
                List<Object> values = entry.values();
                json.writeStartObject();
                for (int i = 0; i < columns.size(); i++) {
                    writeValue(json, columns.get(i), values.get(i));
                }
                json.writeEndObject();
                json.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rows in memory", e);
        }
        return body.toByteArray();
    }

    private static void writeValue(JsonGenerator json, LogColumn column, Object value) throws IOException {
        switch (column.type()) {
            case STRING -> json.writeStringField(column.name(), (String) value);
            case INT -> json.writeNumberField(column.name(), (Integer) value);
            case LONG -> json.writeNumberField(column.name(), (Long) value);
            case TIME -> {
                Instant time = (Instant) value;
                json.writeStringField(column.name(), ClickHouseSql.dateTime(time));
                json.writeNumberField(TableLayout.exactTime(column.name()), ClickHouseSql.epochMillis(time));
            }
        }
    }

    /** Rows read with {@link TableLayout#selectList()}, each column typed as its {@link LogColumn} says. */
    static List<Map<String, Object>> entries(LogTable table, String body) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode node : objects(body)) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (LogColumn column : table.columns()) {
                row.put(column.name(), readValue(node, column));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object readValue(JsonNode row, LogColumn column) {
        return switch (column.type()) {
            case STRING -> field(row, column.name()).textValue();
            case INT -> field(row, column.name()).intValue();
            case LONG -> field(row, column.name()).longValue();
            case TIME -> Instant.ofEpochMilli(field(row, TableLayout.exactTime(column.name())).longValue());
        };
    }

    /** Every JSON object of a {@code JSONEachRow} answer. */
    static List<JsonNode> objects(String body) {
        try (MappingIterator<JsonNode> nodes = ROW_READER.readValues(body)) {
            return nodes.readAll();
        } catch (IOException e) {
            throw new IllegalStateException("ClickHouse answered with something other than JSONEachRow: "
                    + ClickHouseException.shorten(body), e);
        }
    }

    static JsonNode field(JsonNode row, String name) {
        JsonNode value = row.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("ClickHouse's answer lacks column '" + name + "'");
        }
        return value;
    }
}
