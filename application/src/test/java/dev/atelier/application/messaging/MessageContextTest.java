package dev.atelier.application.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageContextTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void a_flow_from_outside_keeps_its_trace_and_correlation() {
        MessageContext context = MessageContext.continuing(TRACEPARENT, "corr-1", null);

        assertThat(context.traceparent()).isEqualTo(TRACEPARENT);
        assertThat(context.correlationId()).isEqualTo("corr-1");
        assertThat(context.childTraceparent()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
                .isNotEqualTo(TRACEPARENT).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void malformed_or_missing_parts_are_replaced_rather_than_breaking_the_request() {
        MessageContext context = MessageContext.continuing("not-a-traceparent", " ", null);
        MessageContext zeroTrace = MessageContext.continuing("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01", "c", null);

        assertThat(context.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(UUID.fromString(context.correlationId())).isNotNull();
        assertThat(zeroTrace.traceparent()).doesNotContain("0".repeat(32));
    }

    @Test
    void what_an_event_causes_carries_its_id_as_causation_and_the_binding_is_undone_afterwards() {
        UUID cause = UUID.randomUUID();
        MessageContext caused = MessageContext.continuing(TRACEPARENT, "corr-2", null).causedBy(cause);

        String seen = caused.run(() -> MessageContext.current().causationId());

        assertThat(seen).isEqualTo(cause.toString());
        assertThat(caused.correlationId()).isEqualTo("corr-2");
        assertThat(MessageContext.current().causationId()).as("no context leaks out of run").isNull();
        assertThat(MessageContext.newFlow().traceparent()).isNotEqualTo(MessageContext.newFlow().traceparent());
    }
}
