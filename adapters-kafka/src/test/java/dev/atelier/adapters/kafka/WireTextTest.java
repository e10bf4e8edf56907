package dev.atelier.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class WireTextTest {

    @Test
    void aNulCharacterAndBytesThatAreNotUtf8ReadAsTheReplacementCharacter() {
        assertThat(WireText.of("key\0\0end")).isEqualTo("key\uFFFD\uFFFDend");
        assertThat(WireText.of(new byte[] {'a', 0, 'b', (byte) 0xFF, 'c'})).isEqualTo("a\uFFFDb\uFFFDc");
    }

    @Test
    void textWithoutThemIsKeptAsItIs() {
        String text = "order-42 ünïcødé 😀";
        assertThat(WireText.of(text)).isSameAs(text);
        assertThat(WireText.of(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    }

    @Test
    void aMissingKeyStaysMissingAndAHeaderWithoutValueIsEmpty() {
        assertThat(WireText.of((String) null)).isNull();
        assertThat(WireText.of((byte[]) null)).isEmpty();
    }

    @Test
    void everyHeaderNameAndValueIsReadThatWay() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", "not\0an id".getBytes(StandardCharsets.UTF_8));
        headers.add("x\0name", null);

        assertThat(CloudEventHeaders.asStrings(headers))
                .containsEntry("ce_id", "not\uFFFDan id")
                .containsEntry("x\uFFFDname", "");
    }
}
