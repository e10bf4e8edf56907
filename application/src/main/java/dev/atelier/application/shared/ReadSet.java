package dev.atelier.application.shared;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A transaction's read set: aggregates read together, changed in memory one input after another, and written
 * back together, each only over the version it was read at. It is what lets a consumer take a run of events with
 * one read and one write, where handling them one by one costs a read and a write per event. The effect is the
 * same, since each input sees the aggregate as the inputs before it left it; unless another transaction changed
 * one of them meanwhile, and then {@link #writeBack} throws and the caller's transaction rolls back.
 *
 * @param <K> the aggregate's id
 * @param <A> the aggregate
 */
public final class ReadSet<K, A> {

    private final String what;
    private final Function<A, K> idOf;
    private final Map<K, A> current = new HashMap<>();
    private final Map<K, Long> readAtVersion = new HashMap<>();
    private final Set<K> changed = new LinkedHashSet<>();

    /** @param what what the aggregates are, for the message of a {@link StaleVersionException} */
    public ReadSet(String what, List<A> read, Function<A, K> idOf, ToLongFunction<A> versionOf) {
        this.what = what;
        this.idOf = idOf;
        for (A aggregate : read) {
            K id = idOf.apply(aggregate);
            current.put(id, aggregate);
            readAtVersion.put(id, versionOf.applyAsLong(aggregate));
        }
    }

    /** The aggregate as the changes so far left it; null if none of this id was read. */
    public A current(K id) {
        return current.get(id);
    }

    /** Takes an aggregate's new state, to be written back. */
    public void changed(A aggregate) {
        K id = idOf.apply(aggregate);
        if (!readAtVersion.containsKey(id)) {
            throw new IllegalArgumentException(what + " " + id + " was not read here");
        }
        current.put(id, aggregate);
        changed.add(id);
    }

    /**
     * Writes back what changed, in the order it first changed, with {@code writer}, which stores each one whose
     * stored version is still the one it was read at and returns the ids it stored. If that is not all of them,
     * another transaction changed one meanwhile: the caller's transaction must then roll back, which the
     * {@link StaleVersionException} thrown here does.
     */
    public void writeBack(Function<List<Replacement<A>>, Set<K>> writer) {
        if (changed.isEmpty()) {
            return;
        }
        List<Replacement<A>> replacements = changed.stream()
                .map(id -> new Replacement<>(current.get(id), readAtVersion.get(id))).toList();
        Set<K> stored = writer.apply(replacements);
        for (K id : changed) {
            if (!stored.contains(id)) {
                throw new StaleVersionException(what, id, readAtVersion.get(id));
            }
        }
    }
}
