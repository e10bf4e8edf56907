package dev.atelier.application.sandbox;

import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageDecoder;
import dev.atelier.domain.shared.Identifier;
import dev.atelier.domain.shared.Key;
import dev.atelier.domain.shared.TimeOrderedIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One sandbox participant (inventory, payments or assembly): reads its command stream, decides by
 * {@link SandboxRules}, and answers on its reply stream through the outbox, no sooner than the configured
 * latency after the command was issued. Like a real participant it works on many commands at once: the
 * latency is counted from each command's own time, so a batch of commands that arrive together is answered
 * after one latency, not after one latency per command.
 */
public final class SandboxParticipant implements EventHandler {

    private final String participant;
    private final SandboxRules rules;
    private final ParticipantLedger ledger;
    private final EventOutbox outbox;
    private final MessageDecoder decoder;
    private final Duration latency;
    private final Clock clock;
    private final Sleeper sleeper;

    /** How the participant waits; tests watch it instead of waiting. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public SandboxParticipant(String participant, SandboxRules rules, ParticipantLedger ledger, EventOutbox outbox,
                              MessageDecoder decoder, Duration latency, Clock clock) {
        this(participant, rules, ledger, outbox, decoder, latency, clock, duration -> Thread.sleep(duration.toMillis()));
    }

    SandboxParticipant(String participant, SandboxRules rules, ParticipantLedger ledger, EventOutbox outbox,
                       MessageDecoder decoder, Duration latency, Clock clock, Sleeper sleeper) {
        this.sleeper = sleeper;
        this.participant = participant;
        this.rules = rules;
        this.ledger = ledger;
        this.outbox = outbox;
        this.decoder = decoder;
        this.latency = latency;
        this.clock = clock;
    }

    /** The fields of a command a participant needs. */
    public record Command(UUID commandId, String sagaId, String orderId, String customerId, String step, String action,
                          List<Item> items) {
        public record Item(String sku, int quantity) {
        }
    }

    @Override
    public String name() {
        return "sandbox-" + participant;
    }

    @Override
    public Set<String> streams() {
        return Set.of(participant + ".commands");
    }

    @Override
    public void handle(InboundEvent event) {
        handleAll(List.of(event));
    }

    /**
     * The books the run's commands need are read with one statement and its new answers written with one. Each
     * command sees the answers given to the commands before it in the run, as if each had its own transaction.
     */
    @Override
    public void handleAll(List<InboundEvent> run) {
        List<Command> commands = run.stream().map(event -> decoder.decode(event, Command.class)).toList();
        List<UUID> sagas = commands.stream().map(command -> Identifier.uuid("saga_id", "saga", command.sagaId())).toList();
        List<ParticipantLedger.Entry> books = new ArrayList<>(ledger.answers(participant,
                commands.stream().map(Command::commandId).collect(Collectors.toSet()), new HashSet<>(sagas)));
        List<ParticipantLedger.Entry> answered = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            InboundEvent event = run.get(i);
            Command command = commands.get(i);
            UUID saga = sagas.get(i);
            SandboxRules.Verdict verdict = books.stream().filter(entry -> entry.commandId().equals(command.commandId()))
                    .map(ParticipantLedger.Entry::verdict).findFirst().orElseGet(() -> {
                        waitUntil(event.occurredAt().plus(latency));
                        SandboxRules.Verdict decided = decide(command,
                                books.stream().filter(entry -> saga.equals(entry.sagaId())).toList());
                        ParticipantLedger.Entry entry = new ParticipantLedger.Entry(command.commandId(), saga,
                                command.action(), decided);
                        books.add(entry);
                        answered.add(entry);
                        return decided;
                    });
            event.asCause(() -> answer(event, command, verdict));
        }
        if (!answered.isEmpty()) {
            ledger.recordAll(participant, answered);
        }
    }

    private void answer(InboundEvent event, Command command, SandboxRules.Verdict verdict) {
        if (verdict.silent()) {
            return;
        }
        Instant now = clock.instant();
        outbox.append(new ParticipantReply(TimeOrderedIds.at(now), participant, command.action(), command.commandId(),
                command.sagaId(), command.orderId(), command.step(), verdict.replyOutcome(), verdict.reason(),
                verdict.nothingToUndo(), new Key(event.key() == null ? command.sagaId() : event.key()), now));
    }

    /** The rules' verdict, held against this participant's books for the saga. */
    private SandboxRules.Verdict decide(Command command, List<ParticipantLedger.Entry> books) {
        SandboxRules.Verdict decided = rules.decide(participant, command.action(), command.customerId(),
                command.items() == null ? List.of() : command.items().stream().map(Command.Item::sku).toList());
        if (!decided.tookEffect()) {
            return decided;
        }
        Optional<String> undone = SandboxRules.undoes(command.action());
        if (undone.isPresent()) {
            boolean somethingToUndo = anyTookEffect(books, undone.get()) && !anyTookEffect(books, command.action());
            return somethingToUndo ? decided : SandboxRules.Verdict.NOTHING_TO_UNDO;
        }
        Optional<String> compensation = SandboxRules.undoneBy(command.action());
        boolean compensated = compensation.isPresent() && books.stream()
                .filter(entry -> compensation.get().equals(entry.action()))
                .anyMatch(entry -> entry.verdict().tookEffect() || entry.verdict().nothingToUndo());
        return compensated ? SandboxRules.Verdict.failed("the saga was compensated already: " + compensation.get())
                : decided;
    }

    private static boolean anyTookEffect(List<ParticipantLedger.Entry> books, String action) {
        return books.stream().anyMatch(entry -> action.equals(entry.action()) && entry.verdict().tookEffect());
    }

    private void waitUntil(Instant due) {
        // Never more than the latency: a command stamped ahead of this clock must not hold the consumer up.
        Duration left = Duration.between(clock.instant(), due);
        Duration wait = left.compareTo(latency) > 0 ? latency : left;
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating latency", e);
        }
    }
}
