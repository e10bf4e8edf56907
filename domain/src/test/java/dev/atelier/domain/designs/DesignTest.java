package dev.atelier.domain.designs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.domain.shared.IllegalTransitionException;
import dev.atelier.domain.shared.InvalidValueException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DesignTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    /** The whole rule set of SPEC §2, as a table: every pair not listed here must be refused. */
    private static final Set<String> ALLOWED = Set.of(
            "draft->pending", "pending->approved", "pending->rejected", "rejected->pending",
            "draft->archived", "rejected->archived", "approved->archived");

    static Stream<Arguments> everyPairOfStatuses() {
        return Arrays.stream(DesignStatus.values()).flatMap(from -> Arrays.stream(DesignStatus.values())
                .map(to -> Arguments.of(from, to)));
    }

    private static Design designIn(DesignStatus status) {
        return Design.restore(DesignId.newId(), new DesignContent("Poster", "A poster"), new OwnerId("user_1"), status, 4,
                T0, T0);
    }

    @Nested
    class Creating {

        @Test
        void starts_as_draft_at_version_one_and_says_so() {
            Design.Change<DesignCreated> created = Design.create(DesignId.newId(), new DesignContent("Poster", null),
                    new OwnerId("user_1"), null, T0);

            assertThat(created.design().status()).isEqualTo(DesignStatus.DRAFT);
            assertThat(created.design().version()).isEqualTo(1);
            assertThat(created.event().designId()).isEqualTo(created.design().id());
            assertThat(created.event().type()).isEqualTo("design.created");
            assertThat(created.event().status()).isEqualTo(DesignStatus.DRAFT);
            assertThat(created.event().occurredAt()).isEqualTo(T0);
        }

        @Test
        void may_go_straight_to_review() {
            assertThat(Design.create(DesignId.newId(), new DesignContent("Poster", null), new OwnerId("u"),
                    DesignStatus.PENDING, T0).design().status()).isEqualTo(DesignStatus.PENDING);
        }

        @Test
        void cannot_start_already_decided() {
            assertThatThrownBy(() -> Design.create(DesignId.newId(), new DesignContent("Poster", null), new OwnerId("u"),
                    DesignStatus.APPROVED, T0))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("draft or pending");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPairOfStatuses")
    void status_moves_follow_the_review_graph(DesignStatus from, DesignStatus to) {
        Design design = designIn(from);
        if (ALLOWED.contains(from.wireName() + "->" + to.wireName())) {
            Design.Change<DesignStatusChanged> change = design.changeStatus(to, "because", T1);
            assertThat(change.design().status()).isEqualTo(to);
            assertThat(change.design().version()).isEqualTo(design.version() + 1);
            assertThat(change.event().oldStatus()).isEqualTo(from);
            assertThat(change.event().newStatus()).isEqualTo(to);
            assertThat(change.event().reason()).isEqualTo("because");
            assertThat(change.event().version()).isEqualTo(change.design().version());
        } else {
            assertThatThrownBy(() -> design.changeStatus(to, null, T1))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining(from.wireName()).hasMessageContaining(to.wireName());
        }
    }

    @Test
    void editing_bumps_the_version_and_keeps_the_status() {
        Design design = designIn(DesignStatus.APPROVED);

        Design.Change<DesignUpdated> edited = design.edit(new DesignContent("Poster v2", "Bigger"), T1);

        assertThat(edited.design().content().title()).isEqualTo("Poster v2");
        assertThat(edited.design().version()).isEqualTo(5);
        assertThat(edited.design().status()).isEqualTo(DesignStatus.APPROVED);
        assertThat(edited.design().createdAt()).isEqualTo(T0);
        assertThat(edited.design().updatedAt()).isEqualTo(T1);
        assertThat(edited.event().title()).isEqualTo("Poster v2");
    }

    @Test
    void an_archived_design_is_frozen() {
        assertThatThrownBy(() -> designIn(DesignStatus.ARCHIVED).edit(new DesignContent("x", null), T1))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("archived");
    }

    @Test
    void a_reason_longer_than_allowed_is_refused_before_anything_changes() {
        String tooLong = "r".repeat(Design.REASON_MAX_LENGTH + 1);
        assertThatThrownBy(() -> designIn(DesignStatus.PENDING).changeStatus(DesignStatus.REJECTED, tooLong, T1))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("reason");
    }

    @Test
    void every_status_can_be_read_back_from_its_wire_name() {
        Set<DesignStatus> parsed = Arrays.stream(DesignStatus.values())
                .map(status -> DesignStatus.parse("status", status.wireName().toUpperCase()))
                .collect(Collectors.toSet());
        assertThat(parsed).containsExactlyInAnyOrder(DesignStatus.values());
        assertThatThrownBy(() -> DesignStatus.parse("new_status", "published"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("unknown new_status 'published'").hasMessageContaining("approved");
    }
}
