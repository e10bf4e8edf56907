package dev.atelier.adapters.postgres;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atelier.adapters.postgres.JdbcSession.SqlArray;
import dev.atelier.application.orders.Orders;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.application.shared.Replacement;
import dev.atelier.domain.orders.Contact;
import dev.atelier.domain.orders.CustomerId;
import dev.atelier.domain.orders.DesignReference;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderEvent;
import dev.atelier.domain.orders.OrderId;
import dev.atelier.domain.orders.OrderLine;
import dev.atelier.domain.orders.OrderStatus;
import dev.atelier.domain.shared.Money;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@Singleton
class JdbcOrders implements Orders {

    private static final String COLUMNS = "id, customer_id, status, currency, lines, contact, cancellation_requested,"
            + " reason, version, created_at, updated_at";
    private static final TypeReference<List<LineRow>> LINES = new TypeReference<>() { };

    /** Writes a batch of orders, each only over the version it was read at, and returns the ids it wrote. */
    static final String REPLACE_ALL = "UPDATE orders o SET status = r.status,"
            + " cancellation_requested = r.cancellation_requested, reason = r.reason, version = r.version,"
            + " updated_at = r.updated_at"
            + " FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::boolean[], ?::text[], ?::bigint[], ?::timestamptz[])"
            + " AS r(id, expected_version, status, cancellation_requested, reason, version, updated_at)"
            + " WHERE o.id = r.id AND o.version = r.expected_version RETURNING o.id";

    /** The array type each value of a replacement travels in for {@link #REPLACE_ALL}, in its order. */
    private static final List<String> REPLACED_ARRAY_TYPES = List.of("uuid", "int8", "text", "bool", "text", "int8",
            "text");

    private final JdbcSession session;
    private final EventPayloads payloads;
    private final OutboxWriter outbox;

    JdbcOrders(JdbcSession session, EventPayloads payloads, OutboxWriter outbox) {
        this.session = session;
        this.payloads = payloads;
        this.outbox = outbox;
    }

    /** An order line as stored: the currency is the order's. */
    record LineRow(UUID designId, String sku, int quantity, BigDecimal unitPrice) {
    }

    @Override
    public Optional<Order> byId(OrderId id) {
        return session.queryOne("SELECT " + COLUMNS + " FROM orders WHERE id = ?", List.of(id.value()), JdbcOrders::toOrder);
    }

    @Override
    public List<Order> byIds(Collection<OrderId> ids) {
        return session.query("SELECT " + COLUMNS + " FROM orders WHERE id = ANY (?)",
                List.of(new SqlArray("uuid", ids.stream().map(OrderId::value).toList())), JdbcOrders::toOrder);
    }

    /**
     * The order's row and its event's outbox row, written only when no design the order names is missing from the
     * approved ones in the projection: one statement, so that without a transaction around it (order intake without
     * an idempotency key) it commits by itself, in one round trip where the order, its event and a COMMIT took one
     * each. The values are cast because in {@code INSERT … SELECT} they do not take their types from the columns.
     */
    static final String PLACE_IF_DESIGNS_APPROVED = "WITH placed AS (INSERT INTO orders (" + COLUMNS + ", total)"
            + " SELECT ?::uuid, ?::text, ?::text, ?::text, ?::jsonb, ?::jsonb, ?::boolean, ?::text, ?::bigint,"
            + " ?::timestamptz, ?::timestamptz, ?::numeric"
            + " WHERE NOT EXISTS (SELECT FROM unnest(?::uuid[]) AS named(design_id) WHERE NOT EXISTS ("
            + "SELECT FROM order_design_projection p WHERE p.design_id = named.design_id AND p.approved))"
            + " RETURNING id)"
            + " INSERT INTO outbox (" + OutboxWriter.COLUMNS + ") SELECT " + OutboxWriter.ONE_ROW + " FROM placed";

    @Override
    public boolean placeIfDesignsApproved(Order.Change created) {
        if (!OrderEvent.CREATED.equals(created.event().type())) {
            throw new IllegalArgumentException("not an order's creation: " + created.event().type());
        }
        Order order = created.order();
        String lines = StorageJson.write(order.lines().stream().map(line -> new LineRow(line.designId().value(),
                line.sku(), line.quantity(), line.unitPrice().amount())).toList());
        List<UUID> designs = order.lines().stream().map(line -> line.designId().value()).distinct().toList();
        List<Object> values = new ArrayList<>(Arrays.asList(order.id().value(), order.customer().value(),
                order.status().wireName(), order.total().currency(), lines, StorageJson.write(order.contact()),
                order.cancellationRequested(), order.reason(), order.version(), order.createdAt(), order.updatedAt(),
                order.total().amount(), new SqlArray("uuid", designs)));
        values.addAll(OutboxWriter.values(created.event(), payloads.toJson(created.event())));
        if (session.update(PLACE_IF_DESIGNS_APPROVED, values.toArray()) == 0) {
            return false;
        }
        outbox.wakeRelayOnCommit();
        return true;
    }

    @Override
    public Set<OrderId> replaceAll(List<Replacement<Order>> replacements) {
        List<List<Object>> rows = replacements.stream().map(replacement -> {
            Order changed = replacement.aggregate();
            return Arrays.<Object>asList(changed.id().value(), replacement.expectedVersion(), changed.status().wireName(),
                    changed.cancellationRequested(), changed.reason(), changed.version(), changed.updatedAt());
        }).toList();
        return new HashSet<>(session.query(REPLACE_ALL, JdbcSession.columns(rows, REPLACED_ARRAY_TYPES),
                row -> new OrderId(row.getObject(1, UUID.class))));
    }

    @Override
    public Page<Order> find(Filter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> parameters = new ArrayList<>();
        if (filter.customer() != null) {
            where.append(" AND customer_id = ?");
            parameters.add(filter.customer().value());
        }
        if (filter.status() != null) {
            where.append(" AND status = ?");
            parameters.add(filter.status().wireName());
        }
        long total = session.count("SELECT count(*) FROM orders" + where, parameters);
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.size());
        paged.add(page.offset());
        List<Order> items = session.query("SELECT " + COLUMNS + " FROM orders" + where
                + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?", paged, JdbcOrders::toOrder);
        return new Page<>(items, page.page(), page.size(), total);
    }

    private static Order toOrder(ResultSet row) throws SQLException {
        String currency = row.getString("currency");
        List<OrderLine> lines = StorageJson.read(row.getString("lines"), LINES).stream()
                .map(line -> new OrderLine(new DesignReference(line.designId()), line.sku(), line.quantity(),
                        new Money(line.unitPrice(), currency)))
                .toList();
        return Order.restore(new OrderId(row.getObject("id", UUID.class)), new CustomerId(row.getString("customer_id")),
                lines, StorageJson.read(row.getString("contact"), Contact.class),
                OrderStatus.parse("status", row.getString("status")), row.getBoolean("cancellation_requested"),
                row.getString("reason"), row.getLong("version"), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
