package dev.atelier.domain.sagas;

import java.util.UUID;

/**
 * A participant's answer to one command. A compensation may answer that there was nothing to undo: the step it
 * compensates never took effect. Without that word, a successful compensation counts as having undone something,
 * so a step the saga never heard back from is then known to have taken effect.
 *
 * @param reason why a command failed; {@code null} otherwise
 */
public record StepReply(UUID commandId, boolean success, boolean nothingToUndo, String reason) {

    public static StepReply succeeded(UUID commandId) {
        return new StepReply(commandId, true, false, null);
    }

    public static StepReply failed(UUID commandId, String reason) {
        return new StepReply(commandId, false, false, reason);
    }

    /** A compensation that found the step it undoes had never taken effect. */
    public static StepReply nothingToUndo(UUID commandId) {
        return new StepReply(commandId, true, true, null);
    }
}
