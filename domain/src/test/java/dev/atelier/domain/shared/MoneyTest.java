package dev.atelier.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static Money eur(String amount) {
        return new Money(new BigDecimal(amount), "EUR");
    }

    @Test
    void anAmountIsKeptAtItsCurrencysPrecision() {
        assertThat(eur("12.5").amount()).isEqualTo(new BigDecimal("12.50"));
        assertThat(new Money(new BigDecimal("1200"), "JPY").amount()).isEqualTo(new BigDecimal("1200"));
        assertThat(eur("1.230000").amount()).isEqualTo(new BigDecimal("1.23"));
        assertThatThrownBy(() -> eur("1.005")).isInstanceOf(InvalidValueException.class)
                .hasMessage("amount 1.005 has more than 2 decimal places for EUR");
    }

    /** What a stored total holds, NUMERIC(19, 4): a sixteenth digit used to fail in the database, as a 500. */
    @Test
    void anAmountHasAtMostFifteenDigitsBeforeItsDecimalPoint() {
        assertThat(eur("999999999999999.99").amount()).isEqualTo(new BigDecimal("999999999999999.99"));
        assertThat(eur("-999999999999999").amount()).isEqualTo(new BigDecimal("-999999999999999.00"));
        assertThatThrownBy(() -> eur("1000000000000000")).isInstanceOf(InvalidValueException.class)
                .hasMessage("amount 1000000000000000 is too large: at most 15 digits before the decimal point");
        assertThatThrownBy(() -> eur("1e16")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("too large");
    }

    /**
     * A few bytes of JSON can ask for an amount whose digits take minutes to work out and gigabytes to write out;
     * each is refused from its precision and scale, with a message as short as what was sent.
     */
    @Test
    void anExponentFarOutOfRangeIsRefusedWithoutWorkingOutItsDigits() {
        assertThatThrownBy(() -> eur("1e100000000")).isInstanceOf(InvalidValueException.class)
                .hasMessage("amount 1E+100000000 is too large: at most 15 digits before the decimal point");
        assertThatThrownBy(() -> eur("-1e100000000")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> eur("1e2147483647")).as("the largest exponent there is")
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("too large");
        assertThatThrownBy(() -> eur("1e-100000000")).isInstanceOf(InvalidValueException.class)
                .hasMessage("amount 1E-100000000 has more than 2 decimal places for EUR");
        assertThat(eur("0e100000000").amount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(eur("0e-100000000").amount()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void sumsAndProductsKeepTheBound() {
        Money largest = eur("999999999999999.99");
        assertThatThrownBy(() -> largest.plus(eur("0.01"))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> eur("100000000000000").times(10)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("too large");
        assertThat(eur("99999999999999.99").times(10).amount()).isEqualTo(new BigDecimal("999999999999999.90"));
    }
}
