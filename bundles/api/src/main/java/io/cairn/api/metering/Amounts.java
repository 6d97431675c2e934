package io.cairn.api.metering;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How statements write amounts: always {@value #SCALE} decimals, half-even, plain digits. */
public final class Amounts {
    public static final int SCALE = 6;

    private Amounts() {
    }

    /** {@code value} at the statement scale; refuses null and negative values. */
    public static BigDecimal of(BigDecimal value, String what) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException(what + " must be a non-negative amount, was " + value);
        }
        return value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    public static String format(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_EVEN).toPlainString();
    }
}
