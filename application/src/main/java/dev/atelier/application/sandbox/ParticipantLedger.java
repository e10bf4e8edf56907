package dev.atelier.application.sandbox;

import java.util.Optional;
import java.util.UUID;

/**
 * What each sandbox participant answered to each command id, so a re-sent command gets the same answer; and, per
 * saga, which actions took effect, so a compensation knows whether there is anything to undo.
 */
public interface ParticipantLedger {

    Optional<SandboxRules.Verdict> answered(String participant, UUID commandId);

    void record(String participant, UUID commandId, String sagaId, String action, SandboxRules.Verdict verdict);

    /** Whether any command of this saga with this action took effect at this participant. */
    boolean tookEffect(String participant, String sagaId, String action);
}
