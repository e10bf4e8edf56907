package dev.atelier.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.designs.DesignFilter;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.designs.Design;
import dev.atelier.domain.designs.DesignContent;
import dev.atelier.domain.designs.DesignId;
import dev.atelier.domain.designs.DesignStatus;
import dev.atelier.domain.designs.OwnerId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcDesignsTest implements PostgresTestDatabase {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Inject
    JdbcDesigns designs;

    @Inject
    UnitOfWork unitOfWork;

    private Design stored(String owner, DesignStatus status) {
        Design design = Design.create(DesignId.newId(), new DesignContent("Poster", "A poster"), new OwnerId(owner),
                DesignStatus.DRAFT, NOW).design();
        if (status != DesignStatus.DRAFT) {
            design = Design.restore(design.id(), design.content(), design.owner(), status, 1, NOW, NOW);
        }
        Design toStore = design;
        unitOfWork.inTransaction(() -> designs.add(toStore));
        return design;
    }

    @Test
    void a_stored_design_reads_back_unchanged() {
        Design design = stored("reader", DesignStatus.DRAFT);

        Design read = designs.byId(design.id()).orElseThrow();

        assertThat(read.id()).isEqualTo(design.id());
        assertThat(read.content()).isEqualTo(design.content());
        assertThat(read.owner()).isEqualTo(design.owner());
        assertThat(read.status()).isEqualTo(DesignStatus.DRAFT);
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.createdAt()).isEqualTo(NOW);
        assertThat(designs.byId(DesignId.newId())).isEmpty();
    }

    @Test
    void a_write_against_a_stale_version_changes_nothing() {
        Design design = stored("writer", DesignStatus.DRAFT);
        Design first = design.edit(new DesignContent("First", null), NOW).design();
        Design second = design.edit(new DesignContent("Second", null), NOW).design();

        assertThat(unitOfWork.inTransaction(() -> designs.replace(first, design.version()))).isTrue();
        assertThat(unitOfWork.inTransaction(() -> designs.replace(second, design.version()))).isFalse();
        assertThat(unitOfWork.inTransaction(() -> designs.remove(design.id(), design.version()))).isFalse();

        assertThat(designs.byId(design.id()).orElseThrow().content().title()).isEqualTo("First");
        assertThat(unitOfWork.inTransaction(() -> designs.remove(design.id(), first.version()))).isTrue();
        assertThat(designs.byId(design.id())).isEmpty();
    }

    @Test
    void nothing_is_kept_when_the_transaction_fails() {
        Design design = Design.create(DesignId.newId(), new DesignContent("Doomed", null), new OwnerId("rollback"),
                null, NOW).design();
        try {
            unitOfWork.inTransaction(() -> {
                designs.add(design);
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the point of the test
        }
        assertThat(designs.byId(design.id())).isEmpty();
    }

    @Test
    void listing_filters_by_owner_and_status_and_pages() {
        for (int i = 0; i < 5; i++) {
            stored("lister", DesignStatus.APPROVED);
        }
        stored("lister", DesignStatus.PENDING);
        stored("someone-else", DesignStatus.APPROVED);

        Page<Design> approved = designs.find(DesignFilter.of("lister", "approved"), new PageRequest(1, 2));
        Page<Design> lastPage = designs.find(DesignFilter.of("lister", "approved"), new PageRequest(3, 2));
        Page<Design> everyStatus = designs.find(DesignFilter.of("lister", null), new PageRequest(1, 50));

        assertThat(approved.total()).isEqualTo(5);
        assertThat(approved.items()).hasSize(2).allMatch(d -> d.status() == DesignStatus.APPROVED);
        assertThat(lastPage.items()).hasSize(1);
        assertThat(everyStatus.total()).isEqualTo(6);
        assertThat(everyStatus.items()).allMatch(d -> d.owner().value().equals("lister"));
    }
}
