package dev.atelier.domain.sagas;

import dev.atelier.domain.shared.DomainEvent;
import dev.atelier.domain.shared.Money;
import dev.atelier.domain.shared.TimeOrderedIds;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The orchestrator of one order's fulfilment: {@code reserve_inventory → charge_payment → request_assembly},
 * compensated by {@code refund_payment} and {@code release_inventory} in reverse.
 *
 * <p>Every input (start, a participant's reply, a deadline, a customer's cancellation) returns the
 * messages it causes: commands for participants and events for everyone else. A reply that is late (for a
 * command the saga no longer waits for) or repeated changes nothing. A step without a reply by its deadline
 * gets its command again, with the same command id, until {@link SagaPolicy#maxAttempts()}; a forward step
 * that never answers is then treated as possibly done and compensated too, and the compensation's answer tells
 * whether it had taken effect (see {@link StepReply}). A compensation the participant
 * refused is asked again after a back-off as a new command: a participant answers each command id once and
 * repeats that answer, so the same id would only hear the same refusal. A compensation that keeps failing
 * ends the saga {@code failed} with the reason, for an operator.
 */
public final class FulfilmentSaga {

    private final SagaId id;
    private final String orderId;
    private final String customerId;
    private final List<SagaItem> items;
    private final Money amount;
    private final Instant createdAt;
    private SagaStatus status;
    private SagaStep current;
    private UUID commandId;
    private int attempt;
    private Instant deadline;
    /** The forward steps known to have taken effect: answered, or found by their compensation. */
    private final List<SagaStep> succeeded;
    private final Deque<SagaStep> compensations;
    private boolean cancelRequested;
    private String reason;
    private final List<StepRecord> timeline;
    private long version;
    private Instant updatedAt;

    private FulfilmentSaga(SagaId id, String orderId, String customerId, List<SagaItem> items, Money amount,
                           SagaStatus status, SagaStep current, UUID commandId, int attempt, Instant deadline,
                           List<SagaStep> succeeded, List<SagaStep> compensations, boolean cancelRequested,
                           String reason, List<StepRecord> timeline, long version, Instant createdAt, Instant updatedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.orderId = orderId;
        this.customerId = customerId;
        this.items = List.copyOf(items);
        this.amount = amount;
        this.status = status;
        this.current = current;
        this.commandId = commandId;
        this.attempt = attempt;
        this.deadline = deadline;
        this.succeeded = new ArrayList<>(succeeded);
        this.compensations = new ArrayDeque<>(compensations);
        this.cancelRequested = cancelRequested;
        this.reason = reason;
        this.timeline = new ArrayList<>(timeline);
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /** Rebuilds a saga from storage; no rule runs. */
    public static FulfilmentSaga restore(SagaId id, String orderId, String customerId, List<SagaItem> items, Money amount,
                                         SagaStatus status, SagaStep current, UUID commandId, int attempt,
                                         Instant deadline, List<SagaStep> succeeded, List<SagaStep> compensations,
                                         boolean cancelRequested, String reason, List<StepRecord> timeline,
                                         long version, Instant createdAt, Instant updatedAt) {
        return new FulfilmentSaga(id, orderId, customerId, items, amount, status, current, commandId, attempt, deadline,
                succeeded, compensations, cancelRequested, reason, timeline, version, createdAt, updatedAt);
    }

    /** A new saga for an order; it asks inventory to reserve the items. */
    public static Decision start(SagaId id, String orderId, String customerId, List<SagaItem> items, Money amount,
                                 SagaPolicy policy, Instant now) {
        FulfilmentSaga saga = new FulfilmentSaga(id, orderId, customerId, items, amount, SagaStatus.RUNNING, null,
                null, 0, null, List.of(), List.of(), false, null, List.of(), 0, now, now);
        List<DomainEvent> messages = new ArrayList<>();
        messages.add(saga.event(SagaEvent.STARTED, null, null, now));
        messages.add(saga.issue(SagaStep.RESERVE_INVENTORY, policy, now));
        return saga.decided(messages, now);
    }

    /** A participant's answer to a command. */
    public Decision onReply(StepReply reply, SagaPolicy policy, Instant now) {
        if (status.isFinal() || !reply.commandId().equals(commandId)) {
            return Decision.none(this);
        }
        SagaStep step = current;
        boolean success = reply.success();
        String why = reply.reason();
        finishAttempt(success ? StepRecord.SUCCEEDED : StepRecord.FAILED, success ? undoneNote(step, reply) : why, now);
        List<DomainEvent> messages = new ArrayList<>();
        if (!step.isCompensation()) {
            if (success) {
                succeeded.add(step);
                messages.add(event(SagaEvent.STEP_SUCCEEDED, step, null, now));
                if (cancelRequested) {
                    compensate(reason, false, policy, now, messages);
                } else if (step.next().isPresent()) {
                    messages.add(issue(step.next().get(), policy, now));
                } else {
                    complete(now, messages);
                }
            } else {
                messages.add(event(SagaEvent.STEP_FAILED, step, why, now));
                compensate(step.wireName() + " failed: " + why, false, policy, now, messages);
            }
        } else if (success) {
            learnWhatTookEffect(step, reply);
            messages.add(event(SagaEvent.STEP_SUCCEEDED, step, null, now));
            continueCompensating(policy, now, messages);
        } else if (attempt < policy.maxAttempts()) {
            messages.add(event(SagaEvent.STEP_FAILED, step, why, now));
            waitBeforeAskingAgain(policy, now);
        } else {
            messages.add(event(SagaEvent.STEP_FAILED, step, why, now));
            fail(step.wireName() + " failed " + attempt + " times, last: " + why, now, messages);
        }
        return decided(messages, now);
    }

    /** Called when the current step's deadline may have passed. */
    public Decision onDeadline(SagaPolicy policy, Instant now) {
        if (status.isFinal() || deadline == null || now.isBefore(deadline)) {
            return Decision.none(this);
        }
        if (isBackingOff()) {
            return decided(List.of(askAgain(policy, now)), now);
        }
        SagaStep step = current;
        finishAttempt(StepRecord.TIMED_OUT, "no reply within " + policy.stepTimeout(), now);
        List<DomainEvent> messages = new ArrayList<>();
        if (attempt < policy.maxAttempts()) {
            messages.add(reissue(policy, now));
        } else if (!step.isCompensation()) {
            String why = "no reply from " + step.participant() + " to " + step.wireName() + " after " + attempt
                    + " attempts";
            messages.add(event(SagaEvent.STEP_FAILED, step, why, now));
            compensate(why, true, policy, now, messages);
        } else {
            String why = "no reply from " + step.participant() + " to " + step.wireName() + " after " + attempt
                    + " attempts";
            messages.add(event(SagaEvent.STEP_FAILED, step, why, now));
            fail(why, now, messages);
        }
        return decided(messages, now);
    }

    /**
     * The customer cancels. The step in flight is allowed to answer (its effect must be known before it can
     * be undone); then everything done is compensated.
     */
    public Decision requestCancel(String why, Instant now) {
        if (status != SagaStatus.RUNNING || cancelRequested) {
            return Decision.none(this);
        }
        cancelRequested = true;
        reason = why == null || why.isBlank() ? "canceled by the customer" : "canceled by the customer: " + why;
        return decided(List.of(), now);
    }

    /**
     * Turns the saga back for {@code why}, unless the customer's cancellation came first: the saga was going to undo
     * everything anyway, and the order should say the customer canceled it. A step's failure that comes after the
     * cancel stays in the timeline and in its {@code saga.step_failed} event.
     */
    private void compensate(String why, boolean currentPossiblyDone, SagaPolicy policy, Instant now,
                            List<DomainEvent> messages) {
        status = SagaStatus.COMPENSATING;
        if (!cancelRequested) {
            reason = why;
        }
        List<SagaStep> toUndo = new ArrayList<>(succeeded);
        if (currentPossiblyDone && current != null && !current.isCompensation()) {
            toUndo.add(current);
        }
        compensations.clear();
        for (int i = toUndo.size() - 1; i >= 0; i--) {
            toUndo.get(i).compensatedBy().ifPresent(compensations::add);
        }
        messages.add(event(SagaEvent.COMPENSATING, null, reason, now));
        continueCompensating(policy, now, messages);
    }

    private void continueCompensating(SagaPolicy policy, Instant now, List<DomainEvent> messages) {
        SagaStep next = compensations.poll();
        if (next != null) {
            messages.add(issue(next, policy, now));
            return;
        }
        boolean charged = succeeded.contains(SagaStep.CHARGE_PAYMENT);
        status = charged ? SagaStatus.REFUNDED : SagaStatus.CANCELED;
        stopWaiting();
        messages.add(event(charged ? SagaEvent.REFUNDED : SagaEvent.CANCELED, null, reason, now));
    }

    /**
     * A forward step that never answered is compensated as possibly done; the compensation's answer settles it. A
     * charge that had gone through after all makes the saga end {@code refunded}, not {@code canceled}: the
     * customer paid and was paid back.
     */
    private void learnWhatTookEffect(SagaStep compensation, StepReply reply) {
        SagaStep undone = compensation.compensates();
        if (!reply.nothingToUndo() && !succeeded.contains(undone)) {
            succeeded.add(undone);
        }
    }

    /**
     * What the timeline says of a compensation whose forward step never answered, or whose participant found nothing
     * to undo of a step it had said it did (the saga keeps to the answer it had, and says so); nothing otherwise.
     */
    private String undoneNote(SagaStep step, StepReply reply) {
        if (!step.isCompensation()) {
            return null;
        }
        if (succeeded.contains(step.compensates())) {
            return reply.nothingToUndo() ? step.participant() + " found nothing to undo, though "
                    + step.compensates().wireName() + " had succeeded" : null;
        }
        return reply.nothingToUndo()
                ? "nothing to undo: " + step.compensates().wireName() + " had not taken effect"
                : "undid " + step.compensates().wireName() + ", which had taken effect without a reply";
    }

    private void complete(Instant now, List<DomainEvent> messages) {
        status = SagaStatus.COMPLETED;
        stopWaiting();
        messages.add(event(SagaEvent.COMPLETED, null, null, now));
    }

    private void fail(String why, Instant now, List<DomainEvent> messages) {
        status = SagaStatus.FAILED;
        reason = why;
        stopWaiting();
        messages.add(event(SagaEvent.FAILED, null, why, now));
    }

    private ParticipantCommand issue(SagaStep step, SagaPolicy policy, Instant now) {
        current = step;
        commandId = TimeOrderedIds.at(now);
        attempt = 0;
        return reissue(policy, now);
    }

    private ParticipantCommand reissue(SagaPolicy policy, Instant now) {
        attempt++;
        deadline = now.plus(policy.stepTimeout());
        timeline.add(new StepRecord(current, attempt, StepRecord.PENDING, now, null, null));
        return new ParticipantCommand(TimeOrderedIds.at(now), commandId, id, orderId, customerId, current, current.action(),
                attempt, items, amount, now);
    }

    /** No command is in flight until the back-off ends; a late reply to the refused one changes nothing. */
    private void waitBeforeAskingAgain(SagaPolicy policy, Instant now) {
        commandId = null;
        deadline = now.plus(policy.backoffAfter(attempt));
    }

    private boolean isBackingOff() {
        return current != null && commandId == null;
    }

    private ParticipantCommand askAgain(SagaPolicy policy, Instant now) {
        commandId = TimeOrderedIds.at(now);
        return reissue(policy, now);
    }

    private void finishAttempt(String outcome, String why, Instant now) {
        int last = timeline.size() - 1;
        if (last >= 0 && StepRecord.PENDING.equals(timeline.get(last).outcome())) {
            timeline.set(last, timeline.get(last).finish(outcome, now, why));
        }
    }

    private void stopWaiting() {
        current = null;
        commandId = null;
        deadline = null;
    }

    private SagaEvent event(String type, SagaStep step, String why, Instant now) {
        return new SagaEvent(TimeOrderedIds.at(now), type, id, orderId, customerId, status, step, why, now);
    }

    private Decision decided(List<DomainEvent> messages, Instant now) {
        version++;
        updatedAt = now;
        return new Decision(this, List.copyOf(messages));
    }

    public SagaId id() {
        return id;
    }

    public String orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public List<SagaItem> items() {
        return items;
    }

    public Money amount() {
        return amount;
    }

    public SagaStatus status() {
        return status;
    }

    public SagaStep current() {
        return current;
    }

    public UUID commandId() {
        return commandId;
    }

    public int attempt() {
        return attempt;
    }

    public Instant deadline() {
        return deadline;
    }

    public List<SagaStep> succeeded() {
        return List.copyOf(succeeded);
    }

    public List<SagaStep> pendingCompensations() {
        return List.copyOf(compensations);
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public String reason() {
        return reason;
    }

    public List<StepRecord> timeline() {
        return List.copyOf(timeline);
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The saga after an input, and the messages it sends; none when the input changed nothing. */
    public record Decision(FulfilmentSaga saga, List<DomainEvent> messages) {

        static Decision none(FulfilmentSaga saga) {
            return new Decision(saga, List.of());
        }

        public boolean changed(long versionBefore) {
            return saga.version() != versionBefore;
        }
    }
}
