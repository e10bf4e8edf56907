package dev.atelier.application.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * The deterministic triggers (documented in the README):
 * <ul>
 *   <li>a sku starting {@code OOS-} is out of stock: inventory refuses to reserve it;</li>
 *   <li>a sku starting {@code SILENT-}: inventory never answers the reservation (exercises deadlines);</li>
 *   <li>a customer id starting {@code decline-}: payments declines the charge;</li>
 *   <li>a customer id starting {@code norefund-}: payments refuses every refund (compensation fails);</li>
 *   <li>a sku starting {@code FAILASM-}: assembly fails.</li>
 * </ul>
 * Everything else succeeds.
 */
public final class SandboxRules {

    /** What a participant does with a command: answer succeeded, answer failed (with why), or stay silent. */
    public record Verdict(String outcome, String reason) {
        static final Verdict OK = new Verdict("succeeded", null);
        static final Verdict SILENT = new Verdict("silent", null);

        static Verdict failed(String reason) {
            return new Verdict("failed", reason);
        }

        public boolean silent() {
            return this == SILENT || "silent".equals(outcome);
        }
    }

    public Verdict decide(String participant, String action, String customerId, List<String> skus) {
        return switch (participant + "." + action) {
            case "inventory.reserve" -> skuStarting(skus, "SILENT-").map(s -> Verdict.SILENT)
                    .or(() -> skuStarting(skus, "OOS-").map(s -> Verdict.failed("out of stock: " + s)))
                    .orElse(Verdict.OK);
            case "payments.charge" -> customerId != null && customerId.startsWith("decline-")
                    ? Verdict.failed("card declined") : Verdict.OK;
            case "payments.refund" -> customerId != null && customerId.startsWith("norefund-")
                    ? Verdict.failed("refund rejected by the bank") : Verdict.OK;
            case "assembly.assemble" -> skuStarting(skus, "FAILASM-")
                    .map(s -> Verdict.failed("assembly failed for " + s)).orElse(Verdict.OK);
            default -> Verdict.OK;
        };
    }

    private static Optional<String> skuStarting(List<String> skus, String prefix) {
        return skus.stream().filter(sku -> sku.startsWith(prefix)).findFirst();
    }
}
