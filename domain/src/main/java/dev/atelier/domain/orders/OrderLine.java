package dev.atelier.domain.orders;

import dev.atelier.domain.shared.InvalidValueException;
import dev.atelier.domain.shared.Money;
import dev.atelier.domain.shared.Texts;
import java.util.Objects;

/** One product of an order: which design, which stock-keeping unit, how many, at what unit price. */
public record OrderLine(DesignReference designId, String sku, int quantity, Money unitPrice) {

    public static final int MAX_QUANTITY = 10_000;

    public OrderLine {
        Objects.requireNonNull(designId, "designId");
        sku = Texts.required("sku", sku, 64);
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new InvalidValueException("quantity", "quantity must be between 1 and " + MAX_QUANTITY + ", got "
                    + quantity);
        }
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (!unitPrice.isPositive()) {
            throw new InvalidValueException("unit_price", "unit_price must be positive, got " + unitPrice.amount());
        }
    }

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}
