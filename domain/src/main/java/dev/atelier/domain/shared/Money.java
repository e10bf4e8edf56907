package dev.atelier.domain.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount in one currency, at the currency's own precision (2 digits for EUR, 0 for JPY). Amounts
 * are never floating point; adding amounts of different currencies is a programming error.
 */
public record Money(BigDecimal amount, String currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int digits = fractionDigits(currency);
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new InvalidValueException("amount", "amount " + amount.toPlainString() + " has more than " + digits
                    + " decimal places for " + currency);
        }
        amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** Validates an ISO 4217 code and returns it upper-cased. */
    public static String currencyCode(String field, String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidValueException(field, field + " is required");
        }
        try {
            return Currency.getInstance(code.strip().toUpperCase(java.util.Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "unknown currency '" + code + "'; expected an ISO 4217 code such as EUR");
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        }
    }

    private static int fractionDigits(String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return Math.max(digits, 0);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
