package dev.atelier.application.messaging.contract;

import dev.atelier.application.messaging.DeadLetter;
import dev.atelier.application.messaging.DeadLetterFilter;
import dev.atelier.application.messaging.DeadLetters;
import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.messaging.Inbox;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.shared.DomainEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Inbox, dead letters, outbox and a unit of work in memory, with real rollback: when the work throws, every
 * change it made is undone, as a database transaction would. One lock serialises transactions, which is
 * all a contract test needs.
 */
public final class TransactionalFakes implements UnitOfWork, Inbox, DeadLetters, EventOutbox {

    private Set<String> inbox = new HashSet<>();
    private List<DeadLetter> letters = new ArrayList<>();
    private List<DomainEvent> outbox = new ArrayList<>();
    private List<String> effects = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private long sequence;
    private int depth;

    @Override
    public synchronized <T> T inTransaction(Supplier<T> work) {
        if (depth > 0) {
            return work.get();
        }
        Set<String> inboxBefore = new HashSet<>(inbox);
        List<DeadLetter> lettersBefore = new ArrayList<>(letters);
        List<DomainEvent> outboxBefore = new ArrayList<>(outbox);
        List<String> effectsBefore = new ArrayList<>(effects);
        depth++;
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            inbox = inboxBefore;
            letters = lettersBefore;
            outbox = outboxBefore;
            effects = effectsBefore;
            afterCommit.clear();
            throw e;
        } finally {
            depth--;
        }
        List<Runnable> committed = List.copyOf(afterCommit);
        afterCommit.clear();
        committed.forEach(TransactionalFakes::runQuietly);
        return result;
    }

    @Override
    public synchronized void afterCommit(Runnable action) {
        if (depth == 0) {
            runQuietly(action);
        } else {
            afterCommit.add(action);
        }
    }

    /** As the real unit of work: a failing after-commit action neither fails the work nor stops the others. */
    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException ignored) {
            // the real one logs it
        }
    }

    @Override
    public synchronized boolean record(String consumer, UUID eventId) {
        return inbox.add(consumer + "/" + eventId);
    }

    @Override
    public synchronized int purge(Instant before, int limit) {
        return 0;
    }

    @Override
    public synchronized void append(DomainEvent event) {
        outbox.add(event);
    }

    /** A handler's effect, kept only if its transaction commits. */
    public synchronized void effect(String effect) {
        effects.add(effect);
    }

    public synchronized List<String> effects() {
        return List.copyOf(effects);
    }

    public synchronized List<DomainEvent> outbox() {
        return List.copyOf(outbox);
    }

    @Override
    public synchronized DeadLetter park(DeadLetter letter) {
        DeadLetter parked = new DeadLetter(letter.id(), ++sequence, letter.consumer(), letter.key(), letter.eventId(),
                letter.eventType(), letter.source(), letter.partition(), letter.offset(), letter.value(),
                letter.headers(), letter.error(), letter.attempts(), letter.failedAt(), DeadLetter.Status.PARKED);
        letters.add(parked);
        return parked;
    }

    @Override
    public synchronized boolean blocks(String consumer, String key) {
        return letters.stream().anyMatch(l -> l.status() == DeadLetter.Status.PARKED && l.consumer().equals(consumer)
                && Objects.equals(l.key(), key));
    }

    @Override
    public synchronized Set<String> blockedAmong(String consumer, java.util.Collection<String> keys) {
        Set<String> blocked = new HashSet<>();
        keys.stream().filter(key -> blocks(consumer, key)).forEach(blocked::add);
        return blocked;
    }

    @Override
    public synchronized Optional<DeadLetter> find(UUID id) {
        return letters.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    @Override
    public synchronized Page<DeadLetter> list(DeadLetterFilter filter, PageRequest page) {
        List<DeadLetter> matching = letters.stream()
                .filter(l -> filter.consumer() == null || filter.consumer().equals(l.consumer()))
                .filter(l -> filter.source() == null || filter.source().equals(l.source()))
                .filter(l -> filter.eventType() == null || filter.eventType().equals(l.eventType()))
                .filter(l -> filter.key() == null || filter.key().equals(l.key()))
                .filter(l -> filter.status() == null || filter.status() == l.status())
                .toList();
        List<DeadLetter> items = matching.stream().skip(page.offset()).limit(page.size()).toList();
        return new Page<>(items, page.page(), page.size(), matching.size());
    }

    @Override
    public synchronized List<DeadLetter> parkedOfKey(String consumer, String key) {
        return letters.stream().filter(l -> l.status() == DeadLetter.Status.PARKED && l.consumer().equals(consumer)
                && Objects.equals(l.key(), key)).toList();
    }

    @Override
    public synchronized boolean markReplayed(UUID id) {
        boolean parked = letters.stream().anyMatch(l -> l.id().equals(id) && l.status() == DeadLetter.Status.PARKED);
        resolve(id, DeadLetter.Status.REPLAYED);
        return parked;
    }

    @Override
    public synchronized void markDiscarded(UUID id) {
        resolve(id, DeadLetter.Status.DISCARDED);
    }

    private void resolve(UUID id, DeadLetter.Status status) {
        letters.replaceAll(l -> l.id().equals(id) && l.status() == DeadLetter.Status.PARKED
                ? new DeadLetter(l.id(), l.sequence(), l.consumer(), l.key(), l.eventId(), l.eventType(), l.source(),
                        l.partition(), l.offset(), l.value(), l.headers(), l.error(), l.attempts(), l.failedAt(), status)
                : l);
    }
}
