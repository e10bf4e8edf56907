package dev.atelier.application.sandbox;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A sandbox participant's books: what it answered to each command, so a re-sent command gets the same answer, and
 * which saga and action each answer was for, so a compensation knows whether there is anything left to undo.
 */
public interface ParticipantLedger {

    /** One answer. {@code action} is null for answers recorded before the books kept it. */
    record Entry(UUID commandId, UUID sagaId, String action, SandboxRules.Verdict verdict) {
    }

    /**
     * The answers this participant gave to any of these command ids and to any command of these sagas, in no
     * particular order: all a run of commands needs, read with one statement.
     */
    List<Entry> answers(String participant, Collection<UUID> commandIds, Collection<UUID> sagaIds);

    /** Records answers with one statement; one to a command that has an answer already is left out. */
    void recordAll(String participant, List<Entry> answers);
}
