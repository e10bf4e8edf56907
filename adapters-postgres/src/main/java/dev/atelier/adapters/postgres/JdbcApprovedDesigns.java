package dev.atelier.adapters.postgres;

import dev.atelier.application.orders.ApprovedDesigns;
import dev.atelier.domain.orders.DesignReference;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

@Singleton
class JdbcApprovedDesigns implements ApprovedDesigns {

    private final JdbcSession session;

    JdbcApprovedDesigns(JdbcSession session) {
        this.session = session;
    }

    @Override
    public Set<DesignReference> notApproved(Collection<DesignReference> designs) {
        return session.call(connection -> {
            Set<DesignReference> refused = new HashSet<>(designs);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT design_id FROM order_design_projection WHERE approved AND design_id = ANY (?)")) {
                select.setArray(1, connection.createArrayOf("uuid", designs.stream().map(DesignReference::value).toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        refused.remove(new DesignReference(rows.getObject(1, UUID.class)));
                    }
                }
            }
            return refused;
        });
    }

    @Override
    public void record(DesignReference design, boolean approved, long version) {
        session.update("INSERT INTO order_design_projection (design_id, approved, version) VALUES (?, ?, ?)"
                + " ON CONFLICT (design_id) DO UPDATE SET approved = EXCLUDED.approved, version = EXCLUDED.version"
                + " WHERE order_design_projection.version < EXCLUDED.version", design.value(), approved, version);
    }
}
