package dev.atelier.domain.designs;

import dev.atelier.domain.shared.IllegalTransitionException;
import dev.atelier.domain.shared.InvalidValueException;
import dev.atelier.domain.shared.Texts;
import dev.atelier.domain.shared.TimeOrderedIds;
import java.time.Instant;
import java.util.Objects;

/**
 * A design uploaded by its owner. Immutable: every change returns the next state of the design together
 * with the event that describes it, so a caller cannot change one without the other.
 *
 * <p>{@code version} counts changes; storage uses it for optimistic locking and the API exposes it as the
 * ETag.
 */
public final class Design {

    public static final int REASON_MAX_LENGTH = 1000;

    private final DesignId id;
    private final DesignContent content;
    private final OwnerId owner;
    private final DesignStatus status;
    private final long version;
    private final Instant createdAt;
    private final Instant updatedAt;

    private Design(DesignId id, DesignContent content, OwnerId owner, DesignStatus status, long version,
                   Instant createdAt, Instant updatedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.content = Objects.requireNonNull(content, "content");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.status = Objects.requireNonNull(status, "status");
        this.version = version;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Rebuilds a design from storage; no rule is applied and no event is raised. */
    public static Design restore(DesignId id, DesignContent content, OwnerId owner, DesignStatus status,
                                 long version, Instant createdAt, Instant updatedAt) {
        return new Design(id, content, owner, status, version, createdAt, updatedAt);
    }

    /** A new design, in {@code draft} unless the owner submits it for review straight away. */
    public static Change<DesignCreated> create(DesignId id, DesignContent content, OwnerId owner,
                                               DesignStatus initialStatus, Instant now) {
        DesignStatus status = initialStatus == null ? DesignStatus.DRAFT : initialStatus;
        if (!status.isInitial()) {
            throw new InvalidValueException("status",
                    "a new design starts as draft or pending, not " + status.wireName());
        }
        Design design = new Design(id, content, owner, status, 1, now, now);
        return new Change<>(design, new DesignCreated(TimeOrderedIds.at(now), id, content.title(),
                content.description(), owner, status, design.version, now));
    }

    /** New title and description. An archived design is frozen. */
    public Change<DesignUpdated> edit(DesignContent newContent, Instant now) {
        if (status == DesignStatus.ARCHIVED) {
            throw new IllegalTransitionException("design " + id + " is archived and can no longer be edited");
        }
        Design next = new Design(id, newContent, owner, status, version + 1, createdAt, now);
        return new Change<>(next, new DesignUpdated(TimeOrderedIds.at(now), id, newContent.title(),
                newContent.description(), owner, status, next.version, now));
    }

    /** Moves the design along its review; refuses any move the status graph does not allow. */
    public Change<DesignStatusChanged> changeStatus(DesignStatus target, String reason, Instant now) {
        Objects.requireNonNull(target, "target");
        String checkedReason = Texts.optional("reason", reason, REASON_MAX_LENGTH);
        if (!status.canMoveTo(target)) {
            throw new IllegalTransitionException("design " + id + " cannot move from " + status.wireName()
                    + " to " + target.wireName());
        }
        Design next = new Design(id, content, owner, target, version + 1, createdAt, now);
        return new Change<>(next, new DesignStatusChanged(TimeOrderedIds.at(now), id, content.title(),
                content.description(), owner, status, target, checkedReason, next.version, now));
    }

    /** The event that records the design's removal; the caller removes it from storage. */
    public DesignDeleted delete(Instant now) {
        return new DesignDeleted(TimeOrderedIds.at(now), id, content.title(), content.description(), owner, status,
                version + 1, now);
    }

    public DesignId id() {
        return id;
    }

    public DesignContent content() {
        return content;
    }

    public OwnerId owner() {
        return owner;
    }

    public DesignStatus status() {
        return status;
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

    /** The state a change led to and the event that tells the world about it. */
    public record Change<E extends DesignEvent>(Design design, E event) {
    }
}
