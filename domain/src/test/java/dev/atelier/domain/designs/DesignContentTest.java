package dev.atelier.domain.designs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DesignContentTest {

    @Test
    void trims_the_title() {
        assertThat(new DesignContent("  Poster  ", null).title()).isEqualTo("Poster");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void a_title_is_required(String title) {
        assertThatThrownBy(() -> new DesignContent(title, "d"))
                .isInstanceOf(InvalidValueException.class).hasMessage("title is required");
    }

    @Test
    void title_and_description_have_limits() {
        assertThat(new DesignContent("t".repeat(DesignContent.TITLE_MAX_LENGTH), null).title()).hasSize(200);
        assertThatThrownBy(() -> new DesignContent("t".repeat(DesignContent.TITLE_MAX_LENGTH + 1), null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("at most 200");
        assertThatThrownBy(() -> new DesignContent("t", "d".repeat(DesignContent.DESCRIPTION_MAX_LENGTH + 1)))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("description");
    }

    @Test
    void ids_are_uuids() {
        assertThatThrownBy(() -> DesignId.parse("design_123"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("UUID");
        DesignId id = DesignId.newId();
        assertThat(DesignId.parse(id.asString())).isEqualTo(id);
        assertThat(id.toString()).isEqualTo(id.value().toString());
    }
}
