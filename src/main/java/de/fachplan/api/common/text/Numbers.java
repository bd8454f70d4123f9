package de.fachplan.api.common.text;

import java.math.BigDecimal;

/** Figures as the API shows them: without trailing zeros and never in exponent form. */
public final class Numbers {

    private Numbers() {
    }

    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
