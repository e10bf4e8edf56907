package dev.atelier.application.designs;

import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.designs.Design;
import dev.atelier.domain.designs.DesignId;
import java.util.Optional;

/** Where designs are kept. Writes take the version they expect, so lost updates are impossible. */
public interface Designs {

    Optional<Design> byId(DesignId id);

    void add(Design design);

    /** Stores {@code changed} if the stored design is still at {@code expectedVersion}; false otherwise. */
    boolean replace(Design changed, long expectedVersion);

    /** Removes the design if it is still at {@code expectedVersion}; false otherwise. */
    boolean remove(DesignId id, long expectedVersion);

    Page<Design> find(DesignFilter filter, PageRequest page);
}
