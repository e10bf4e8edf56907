package dev.atelier.application.sandbox;

import java.util.Optional;
import java.util.UUID;

/** What each sandbox participant answered to each command id, so a re-sent command gets the same answer. */
public interface ParticipantLedger {

    Optional<SandboxRules.Verdict> answered(String participant, UUID commandId);

    void record(String participant, UUID commandId, SandboxRules.Verdict verdict);
}
