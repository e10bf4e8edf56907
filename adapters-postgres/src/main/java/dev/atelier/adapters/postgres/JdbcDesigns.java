package dev.atelier.adapters.postgres;

import dev.atelier.application.designs.DesignFilter;
import dev.atelier.application.designs.Designs;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.designs.Design;
import dev.atelier.domain.designs.DesignContent;
import dev.atelier.domain.designs.DesignId;
import dev.atelier.domain.designs.DesignStatus;
import dev.atelier.domain.designs.OwnerId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcDesigns implements Designs {

    private static final String COLUMNS = "id, title, description, user_id, status, version, created_at, updated_at";

    private final JdbcSession session;

    JdbcDesigns(JdbcSession session) {
        this.session = session;
    }

    @Override
    public Optional<Design> byId(DesignId id) {
        return session.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM designs WHERE id = ?")) {
                select.setObject(1, id.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(toDesign(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void add(Design design) {
        session.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO designs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, design.id().value());
                insert.setString(2, design.content().title());
                insert.setString(3, design.content().description());
                insert.setString(4, design.owner().value());
                insert.setString(5, design.status().wireName());
                insert.setLong(6, design.version());
                insert.setTimestamp(7, Timestamp.from(design.createdAt()));
                insert.setTimestamp(8, Timestamp.from(design.updatedAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public boolean replace(Design changed, long expectedVersion) {
        return session.call(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE designs SET title = ?, description = ?, status = ?, version = ?, updated_at = ? "
                            + "WHERE id = ? AND version = ?")) {
                update.setString(1, changed.content().title());
                update.setString(2, changed.content().description());
                update.setString(3, changed.status().wireName());
                update.setLong(4, changed.version());
                update.setTimestamp(5, Timestamp.from(changed.updatedAt()));
                update.setObject(6, changed.id().value());
                update.setLong(7, expectedVersion);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean remove(DesignId id, long expectedVersion) {
        return session.call(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM designs WHERE id = ? AND version = ?")) {
                delete.setObject(1, id.value());
                delete.setLong(2, expectedVersion);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Page<Design> find(DesignFilter filter, PageRequest page) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        if (filter.owner() != null) {
            where.append(" AND user_id = ?");
            parameters.add(filter.owner().value());
        }
        if (filter.status() != null) {
            where.append(" AND status = ?");
            parameters.add(filter.status().wireName());
        }
        return session.call(connection -> {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM designs" + where)) {
                bind(count, parameters);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            List<Design> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM designs"
                    + where + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
                bind(select, parameters);
                select.setInt(parameters.size() + 1, page.size());
                select.setLong(parameters.size() + 2, page.offset());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(toDesign(rows));
                    }
                }
            }
            return new Page<>(items, page.page(), page.size(), total);
        });
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static Design toDesign(ResultSet row) throws SQLException {
        return Design.restore(
                new DesignId(row.getObject("id", UUID.class)),
                new DesignContent(row.getString("title"), row.getString("description")),
                new OwnerId(row.getString("user_id")),
                DesignStatus.parse("status", row.getString("status")),
                row.getLong("version"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
