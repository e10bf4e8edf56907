package dev.atelier.application.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What each sandbox participant answered to each command id, so a re-sent command gets the same answer; and, per
 * saga, what it answered for each action, so a compensation knows whether there is anything left to undo.
 */
public interface ParticipantLedger {

    Optional<SandboxRules.Verdict> answered(String participant, UUID commandId);

    void record(String participant, UUID commandId, String sagaId, String action, SandboxRules.Verdict verdict);

    /** The verdicts this participant gave to the saga's commands with this action, in no particular order. */
    List<SandboxRules.Verdict> verdicts(String participant, String sagaId, String action);
}
