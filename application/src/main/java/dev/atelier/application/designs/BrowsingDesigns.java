package dev.atelier.application.designs;

import dev.atelier.application.shared.NotFoundException;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.designs.Design;
import dev.atelier.domain.designs.DesignId;

public final class BrowsingDesigns implements FindDesignsUseCase {

    private final Designs designs;

    public BrowsingDesigns(Designs designs) {
        this.designs = designs;
    }

    @Override
    public Design get(DesignId id) {
        return designs.byId(id).orElseThrow(() -> new NotFoundException("design", id));
    }

    @Override
    public Page<Design> list(DesignFilter filter, PageRequest page) {
        return designs.find(filter, page);
    }
}
