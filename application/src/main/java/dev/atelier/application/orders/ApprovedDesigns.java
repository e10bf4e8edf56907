package dev.atelier.application.orders;

import dev.atelier.domain.orders.DesignReference;
import java.util.Collection;
import java.util.Set;

/** The orders context's own projection of design events: which designs may be ordered. */
public interface ApprovedDesigns {

    /** The designs among {@code designs} that are not (or not known to be) approved. */
    Set<DesignReference> notApproved(Collection<DesignReference> designs);

    /** Records a design's status as of {@code version}; an older version than the one recorded is ignored. */
    void record(DesignReference design, boolean approved, long version);
}
