package dev.atelier.adapters.postgres;

import dev.atelier.adapters.postgres.JdbcSession.SqlArray;
import dev.atelier.application.orders.ApprovedDesigns;
import dev.atelier.domain.orders.DesignReference;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
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
        Set<DesignReference> refused = new HashSet<>(designs);
        refused.removeAll(session.query(
                "SELECT design_id FROM order_design_projection WHERE approved AND design_id = ANY (?)",
                List.of(new SqlArray("uuid", designs.stream().map(DesignReference::value).toList())),
                row -> new DesignReference(row.getObject(1, UUID.class))));
        return refused;
    }

    @Override
    public void record(DesignReference design, boolean approved, long version) {
        session.update("INSERT INTO order_design_projection (design_id, approved, version) VALUES (?, ?, ?)"
                + " ON CONFLICT (design_id) DO UPDATE SET approved = EXCLUDED.approved, version = EXCLUDED.version"
                + " WHERE order_design_projection.version < EXCLUDED.version", design.value(), approved, version);
    }
}
