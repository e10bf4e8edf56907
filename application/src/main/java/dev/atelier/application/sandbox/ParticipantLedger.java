package dev.atelier.application.sandbox;

import java.util.List;
import java.util.UUID;

/**
 * A sandbox participant's books: what it answered to each command, so a re-sent command gets the same answer, and
 * which saga and action each answer was for, so a compensation knows whether there is anything left to undo.
 */
public interface ParticipantLedger {

    /** One answer. {@code action} is null for answers recorded before the books kept it. */
    record Entry(UUID commandId, String action, SandboxRules.Verdict verdict) {
    }

    /**
     * The answers this participant gave to this command id and to any command of this saga, in no particular order:
     * all a command needs, read at once.
     */
    List<Entry> answers(String participant, UUID commandId, String sagaId);

    void record(String participant, UUID commandId, String sagaId, String action, SandboxRules.Verdict verdict);
}
