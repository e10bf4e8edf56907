package dev.atelier.application.designs;

import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.designs.Design;
import dev.atelier.domain.designs.DesignId;

public interface FindDesignsUseCase {

    /** @throws dev.atelier.application.shared.NotFoundException when there is no such design */
    Design get(DesignId id);

    Page<Design> list(DesignFilter filter, PageRequest page);
}
