package de.fachplan.api.common.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bootstrap admin key needs at least 128 bits of entropy, as far as the text can show. */
class BootstrapKeyEntropyTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "0zsf4MMnqGhgi9jK1xNTLWJoB4YQiWun7kdxeQkkPjs", // the test suite's: 43 random letters and digits
            "c7541af9b1fb7e25272f557e68304417318a0f9f", // openssl rand -hex 20, as deploy/README.md says
            "yTQH3sA3vGroVLM6CcgOjFOOoG1pfPhyJcavZpfg" })
    void randomKeysOfTheRecommendedSizePass(String secret) {
        double bits = BootstrapAdminKey.estimatedEntropyBits(secret);
        assertTrue(bits >= BootstrapAdminKey.MIN_ENTROPY_BITS, secret + ": " + bits);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", // long, but one character
            "abababababababababababababababababababab", // two characters
            "ed32204af92cf21ea8e8c63a30bab016", // random, but 32 hex digits are 128 bits at best and show fewer
            "01234567890123456789012345678901234567", // 38 digits: 126 bits at best
            "Passwort1Passwort1Passwort1Passwort1" })
    void keysThatShowLessThan128BitsAreRefused(String secret) {
        double bits = BootstrapAdminKey.estimatedEntropyBits(secret);
        assertTrue(bits < BootstrapAdminKey.MIN_ENTROPY_BITS, secret + ": " + bits);
    }
}
