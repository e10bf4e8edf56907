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
import java.sql.ResultSet;
import java.sql.SQLException;
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
        return session.queryOne("SELECT " + COLUMNS + " FROM designs WHERE id = ?", List.of(id.value()),
                JdbcDesigns::toDesign);
    }

    @Override
    public void add(Design design) {
        session.update("INSERT INTO designs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", design.id().value(),
                design.content().title(), design.content().description(), design.owner().value(),
                design.status().wireName(), design.version(), design.createdAt(), design.updatedAt());
    }

    @Override
    public boolean replace(Design changed, long expectedVersion) {
        return session.update("UPDATE designs SET title = ?, description = ?, status = ?, version = ?, updated_at = ?"
                        + " WHERE id = ? AND version = ?", changed.content().title(), changed.content().description(),
                changed.status().wireName(), changed.version(), changed.updatedAt(), changed.id().value(),
                expectedVersion) == 1;
    }

    @Override
    public boolean remove(DesignId id, long expectedVersion) {
        return session.update("DELETE FROM designs WHERE id = ? AND version = ?", id.value(), expectedVersion) == 1;
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
        long total = session.count("SELECT count(*) FROM designs" + where, parameters);
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.size());
        paged.add(page.offset());
        List<Design> items = session.query("SELECT " + COLUMNS + " FROM designs" + where
                + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?", paged, JdbcDesigns::toDesign);
        return new Page<>(items, page.page(), page.size(), total);
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
