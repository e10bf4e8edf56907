package dev.atelier.application.orders;

import dev.atelier.domain.orders.Contact;
import dev.atelier.domain.orders.CustomerId;
import dev.atelier.domain.orders.DesignReference;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderLine;
import dev.atelier.domain.shared.InvalidValueException;
import dev.atelier.domain.shared.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

public interface PlaceOrderUseCase {

    /**
     * Places an order. With an idempotency key, a repeat of the same request returns the order the first one
     * created (also when the repeats race); the same key with a different request is refused.
     */
    Placed place(Command command, String idempotencyKey);

    /** @param replayed true when an earlier request with the same key created the order */
    record Placed(Order order, boolean replayed) {
    }

    record Item(String designId, String sku, Integer quantity, BigDecimal unitPrice) {
    }

    /** A validated request to order; building it checks every field. */
    record Command(CustomerId customer, List<OrderLine> lines, Contact contact) {

        public static Command of(String customerId, String currency, List<Item> items, Contact contact) {
            String code = Money.currencyCode("currency", currency);
            if (items == null || items.isEmpty()) {
                throw new InvalidValueException("items", "an order needs at least one item");
            }
            List<OrderLine> lines = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                String at = "items[" + i + "]";
                if (item == null) {
                    throw new InvalidValueException(at, at + " is empty");
                }
                if (item.quantity() == null) {
                    throw new InvalidValueException(at + ".quantity", at + ".quantity is required");
                }
                if (item.unitPrice() == null) {
                    throw new InvalidValueException(at + ".unit_price", at + ".unit_price is required");
                }
                try {
                    lines.add(new OrderLine(DesignReference.parse(at + ".design_id", item.designId()), item.sku(),
                            item.quantity(), unitPrice(at, item.unitPrice(), code)));
                } catch (InvalidValueException e) {
                    String field = e.field().startsWith(at) ? e.field() : at + "." + e.field();
                    throw new InvalidValueException(field, e.getMessage());
                }
            }
            return new Command(new CustomerId(customerId), lines, contact == null ? Contact.NONE : contact);
        }

        /** The price as the request names it: Money's own complaint would speak of an amount. */
        private static Money unitPrice(String at, BigDecimal amount, String currency) {
            try {
                return new Money(amount, currency);
            } catch (InvalidValueException e) {
                throw new InvalidValueException(at + ".unit_price", at + ".unit_price: " + e.getMessage());
            }
        }

        /** A digest of everything the request says, to recognise a repeat of it under the same idempotency key. */
        public String fingerprint() {
            StringBuilder canonical = new StringBuilder(customer.value()).append('|').append(contact);
            for (OrderLine line : lines) {
                canonical.append('|').append(line.designId()).append(',').append(line.sku()).append(',')
                        .append(line.quantity()).append(',').append(line.unitPrice());
            }
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }
}
