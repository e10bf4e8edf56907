package dev.atelier.application.sagas;

import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageDecoder;
import dev.atelier.domain.sagas.SagaId;
import dev.atelier.domain.sagas.StepReply;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Feeds participants' replies to their sagas, correlated by saga id and command id. */
public final class ParticipantReplies implements EventHandler {

    private final SagaOrchestration orchestration;
    private final MessageDecoder decoder;

    public ParticipantReplies(SagaOrchestration orchestration, MessageDecoder decoder) {
        this.orchestration = orchestration;
        this.decoder = decoder;
    }

    /**
     * A participant's answer to a command. {@code outcome} is {@code succeeded} or {@code failed}; a compensation
     * that succeeded says {@code nothing_to_undo: true} when the step it undoes had never taken effect.
     */
    public record Reply(String sagaId, UUID commandId, String outcome, String reason, Boolean nothingToUndo) {

        StepReply toStepReply() {
            if (!"succeeded".equals(outcome)) {
                return StepReply.failed(commandId, reason);
            }
            return Boolean.TRUE.equals(nothingToUndo) ? StepReply.nothingToUndo(commandId) : StepReply.succeeded(commandId);
        }
    }

    @Override
    public String name() {
        return "sagas-replies";
    }

    @Override
    public Set<String> streams() {
        return Set.of("inventory.replies", "payments.replies", "assembly.replies");
    }

    @Override
    public void handle(InboundEvent event) {
        handleAll(List.of(event));
    }

    /** The run's sagas are read with one statement and those the replies moved on are written with one. */
    @Override
    public void handleAll(List<InboundEvent> run) {
        List<Reply> replies = run.stream().map(event -> decoder.decode(event, Reply.class)).toList();
        List<SagaId> sagas = replies.stream().map(reply -> SagaId.parse(reply.sagaId())).toList();
        orchestration.applyTogether(new HashSet<>(sagas), loaded -> {
            for (int i = 0; i < run.size(); i++) {
                SagaId saga = sagas.get(i);
                StepReply answer = replies.get(i).toStepReply();
                run.get(i).asCause(() -> loaded.apply(saga,
                        (found, now) -> found.onReply(answer, orchestration.policy(), now)));
            }
        });
    }
}
