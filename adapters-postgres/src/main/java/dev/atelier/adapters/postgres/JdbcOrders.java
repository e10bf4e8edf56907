package dev.atelier.adapters.postgres;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atelier.application.orders.Orders;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.orders.Contact;
import dev.atelier.domain.orders.CustomerId;
import dev.atelier.domain.orders.DesignReference;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderId;
import dev.atelier.domain.orders.OrderLine;
import dev.atelier.domain.orders.OrderStatus;
import dev.atelier.domain.shared.Money;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcOrders implements Orders {

    private static final String COLUMNS = "id, customer_id, status, currency, lines, contact, cancellation_requested,"
            + " reason, version, created_at, updated_at";
    private static final TypeReference<List<LineRow>> LINES = new TypeReference<>() { };

    private final JdbcSession session;

    JdbcOrders(JdbcSession session) {
        this.session = session;
    }

    /** An order line as stored: the currency is the order's. */
    record LineRow(UUID designId, String sku, int quantity, BigDecimal unitPrice) {
    }

    @Override
    public Optional<Order> byId(OrderId id) {
        return session.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM orders WHERE id = ?")) {
                select.setObject(1, id.value());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(toOrder(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void add(Order order) {
        session.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (" + COLUMNS
                    + ", total) VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, order.id().value());
                insert.setString(2, order.customer().value());
                insert.setString(3, order.status().wireName());
                insert.setString(4, order.total().currency());
                insert.setString(5, StorageJson.write(order.lines().stream().map(line -> new LineRow(
                        line.designId().value(), line.sku(), line.quantity(), line.unitPrice().amount())).toList()));
                insert.setString(6, StorageJson.write(order.contact()));
                insert.setBoolean(7, order.cancellationRequested());
                insert.setString(8, order.reason());
                insert.setLong(9, order.version());
                insert.setTimestamp(10, Timestamp.from(order.createdAt()));
                insert.setTimestamp(11, Timestamp.from(order.updatedAt()));
                insert.setBigDecimal(12, order.total().amount());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public boolean replace(Order changed, long expectedVersion) {
        return session.call(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE orders SET status = ?,"
                    + " cancellation_requested = ?, reason = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?")) {
                update.setString(1, changed.status().wireName());
                update.setBoolean(2, changed.cancellationRequested());
                update.setString(3, changed.reason());
                update.setLong(4, changed.version());
                update.setTimestamp(5, Timestamp.from(changed.updatedAt()));
                update.setObject(6, changed.id().value());
                update.setLong(7, expectedVersion);
                return update.executeUpdate() == 1;
            }
        });
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
        return session.call(connection -> {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM orders" + where)) {
                for (int i = 0; i < parameters.size(); i++) {
                    count.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<Order> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM orders" + where
                    + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
                int i = 0;
                for (; i < parameters.size(); i++) {
                    select.setObject(i + 1, parameters.get(i));
                }
                select.setInt(i + 1, page.size());
                select.setLong(i + 2, page.offset());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(toOrder(rows));
                    }
                }
            }
            return new Page<>(items, page.page(), page.size(), total);
        });
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
