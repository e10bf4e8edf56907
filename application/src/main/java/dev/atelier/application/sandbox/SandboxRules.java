package dev.atelier.application.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deterministic triggers (documented in the README):
 * <ul>
 *   <li>a sku starting {@code OOS-} is out of stock: inventory refuses to reserve it;</li>
 *   <li>a sku starting {@code SILENT-}: inventory never answers the reservation (exercises deadlines);</li>
 *   <li>a customer id starting {@code decline-}: payments declines the charge;</li>
 *   <li>a customer id starting {@code lostreply-}: payments takes the charge, but its answer never arrives;</li>
 *   <li>a customer id starting {@code norefund-}: payments refuses every refund (compensation fails);</li>
 *   <li>a sku starting {@code FAILASM-}: assembly fails.</li>
 * </ul>
 * Everything else succeeds. A participant keeps its own books per saga, as a real one would: a compensation
 * (release, refund) succeeds with nothing to undo when its action never took effect for the saga or was undone
 * already; and a forward action that comes after its saga was compensated (a replayed command) is refused, so
 * that nothing is reserved or charged for a saga that has ended.
 */
public final class SandboxRules {

    /**
     * What a participant does with a command: answer succeeded, answer failed (with why), stay silent, act but
     * stay silent, or answer that there was nothing to undo. {@code outcome} is what the ledger keeps.
     */
    public record Verdict(String outcome, String reason) {
        static final Verdict OK = new Verdict("succeeded", null);
        static final Verdict SILENT = new Verdict("silent", null);
        static final Verdict ACTED_SILENTLY = new Verdict("acted_silently", null);
        static final Verdict NOTHING_TO_UNDO = new Verdict("nothing_to_undo", null);

        static Verdict failed(String reason) {
            return new Verdict("failed", reason);
        }

        public boolean silent() {
            return SILENT.outcome.equals(outcome) || ACTED_SILENTLY.outcome.equals(outcome);
        }

        /** Whether the command's action happened, answered or not. */
        public boolean tookEffect() {
            return OK.outcome.equals(outcome) || ACTED_SILENTLY.outcome.equals(outcome);
        }

        public boolean nothingToUndo() {
            return NOTHING_TO_UNDO.outcome.equals(outcome);
        }

        /** The outcome on the wire: {@code succeeded} or {@code failed}. */
        public String replyOutcome() {
            return nothingToUndo() ? OK.outcome : outcome;
        }
    }

    /** Each forward action and the compensation that undoes it, as the actions are named on the wire. */
    private static final Map<String, String> COMPENSATIONS = Map.of("reserve", "release", "charge", "refund");

    /**
     * The forward action a compensation undoes: release undoes reserve, refund undoes charge. The sandbox plays
     * participants outside the service, so it reads the action names on the wire rather than the saga's steps.
     */
    public static Optional<String> undoes(String action) {
        return COMPENSATIONS.entrySet().stream().filter(e -> e.getValue().equals(action)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** The compensation of a forward action. */
    public static Optional<String> undoneBy(String action) {
        return Optional.ofNullable(COMPENSATIONS.get(action));
    }

    public Verdict decide(String participant, String action, String customerId, List<String> skus) {
        return switch (participant + "." + action) {
            case "inventory.reserve" -> skuStarting(skus, "SILENT-").map(s -> Verdict.SILENT)
                    .or(() -> skuStarting(skus, "OOS-").map(s -> Verdict.failed("out of stock: " + s)))
                    .orElse(Verdict.OK);
            case "payments.charge" -> customerStarting(customerId, "decline-") ? Verdict.failed("card declined")
                    : customerStarting(customerId, "lostreply-") ? Verdict.ACTED_SILENTLY : Verdict.OK;
            case "payments.refund" -> customerStarting(customerId, "norefund-")
                    ? Verdict.failed("refund rejected by the bank") : Verdict.OK;
            case "assembly.assemble" -> skuStarting(skus, "FAILASM-")
                    .map(s -> Verdict.failed("assembly failed for " + s)).orElse(Verdict.OK);
            default -> Verdict.OK;
        };
    }

    private static boolean customerStarting(String customerId, String prefix) {
        return customerId != null && customerId.startsWith(prefix);
    }

    private static Optional<String> skuStarting(List<String> skus, String prefix) {
        return skus.stream().filter(sku -> sku.startsWith(prefix)).findFirst();
    }
}
