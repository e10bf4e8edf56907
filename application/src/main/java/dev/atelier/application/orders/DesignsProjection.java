package dev.atelier.application.orders;

import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageDecoder;
import dev.atelier.domain.orders.DesignReference;
import java.util.Set;

/**
 * Keeps the orders context's view of which designs are approved, from the designs stream. Events carry the
 * design's version, so an event that arrives after a newer one (a replay, a redelivery) cannot undo it.
 */
public final class DesignsProjection implements EventHandler {

    private final ApprovedDesigns approvedDesigns;
    private final MessageDecoder decoder;

    public DesignsProjection(ApprovedDesigns approvedDesigns, MessageDecoder decoder) {
        this.approvedDesigns = approvedDesigns;
        this.decoder = decoder;
    }

    /** The fields of a design event the orders context cares about. */
    public record DesignChange(String designId, String status, String newStatus, long version) {
    }

    @Override
    public String name() {
        return "orders-designs";
    }

    @Override
    public boolean accepts(String eventType) {
        return eventType.startsWith("design.");
    }

    @Override
    public Set<String> streams() {
        return Set.of("designs");
    }

    @Override
    public void handle(InboundEvent event) {
        DesignChange change = decoder.decode(event, DesignChange.class);
        String status = change.newStatus() != null ? change.newStatus() : change.status();
        boolean approved = !event.type().equals("design.deleted") && "approved".equals(status);
        approvedDesigns.record(DesignReference.parse("design_id", change.designId()), approved, change.version());
    }
}
