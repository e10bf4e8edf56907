package dev.atelier.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void a_text_that_fits_is_kept_as_it_is() {
        assertThat(Texts.shortened("abcde", 5)).isEqualTo("abcde");
        assertThat(Texts.shortened(null, 5)).isNull();
    }

    @Test
    void a_longer_text_keeps_its_beginning_and_ends_in_an_ellipsis_at_exactly_the_limit() {
        String shortened = Texts.shortened("abcdef", 5);

        assertThat(shortened).isEqualTo("abcd…").hasSize(5);
    }

    @Test
    void a_character_outside_the_basic_plane_at_the_cut_is_left_out_whole_rather_than_split() {
        String fourEmoji = "😀😀😀😀"; // eight UTF-16 code units

        String shortened = Texts.shortened(fourEmoji, 6);

        assertThat(shortened).isEqualTo("😀😀…").hasSizeLessThanOrEqualTo(6);
        assertThat(shortened.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                .as("no half of a character is left").isTrue();
    }

    @Test
    void a_limit_without_room_for_a_character_and_the_ellipsis_is_a_programming_error() {
        assertThatThrownBy(() -> Texts.shortened("abc", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNulCharacterBecomesTheReplacementCharacterAndNothingElseChanges() {
        assertThat(Texts.withoutNul("key\0\0end")).isEqualTo("key\uFFFD\uFFFDend");
        String plain = "ünïcødé 😀";
        assertThat(Texts.withoutNul(plain)).isSameAs(plain);
        assertThat(Texts.withoutNul(null)).isNull();
    }
}
