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

    /**
     * The most digits an amount has before its decimal point: what a stored amount holds (an order's total is a
     * NUMERIC(19, 4)), and far above any price or total of this business.
     */
    public static final int MAX_WHOLE_DIGITS = 15;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int digits = fractionDigits(currency);
        // Judged from precision and scale alone, before anything scales the amount or writes it out in full:
        // 1e100000000 is a short number whose plain form has a hundred million digits, and working those out
        // takes a core for minutes. In long, since 1e2147483647 has precision 1 and scale -2147483647. Zero can
        // carry any exponent and is still zero.
        if (amount.signum() == 0) {
            amount = BigDecimal.ZERO;
        } else if ((long) amount.precision() - amount.scale() > MAX_WHOLE_DIGITS) {
            throw new InvalidValueException("amount", "amount " + amount + " is too large: at most " + MAX_WHOLE_DIGITS
                    + " digits before the decimal point");
        } else if (amount.scale() > digits && amount.stripTrailingZeros().scale() > digits) {
            throw new InvalidValueException("amount", "amount " + amount + " has more than " + digits
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
