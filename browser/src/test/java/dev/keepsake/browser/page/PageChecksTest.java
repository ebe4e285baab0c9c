package dev.keepsake.browser.page;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A page test's named checks: a failure names the check that broke, and only that one. */
class PageChecksTest {

    @Test
    void aFailingCheckIsReportedByItsNameAndThePassingOnesAreNot() {
        AssertionError failure = assertThrows(AssertionError.class, () -> Chromium.assertChecks(
                Map.of("gzip smaller", true, "batches", 16), Map.of("gzip smaller", true, "batches", 15L)));
        assertTrue(failure.getMessage().contains("page check 'batches'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("expected: <16> but was: <15>"), failure.getMessage());
        assertFalse(failure.getMessage().contains("gzip smaller"), failure.getMessage());
    }

    @Test
    void aCheckThePageDidNotMakeAndOneTheTestDoesNotExpectBothFail() {
        AssertionError failure = assertThrows(AssertionError.class, () -> Chromium.assertChecks(
                Map.of("refused", "QUOTA_EXCEEDED"), Map.of("refusd", "QUOTA_EXCEEDED")));
        assertTrue(failure.getMessage().contains("page check 'refused' (not made)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("[refusd]"), failure.getMessage());
    }

    @Test
    void valuesCompareAsTheTextTheyPrintAsAndAPageErrorIsNoObject() {
        Chromium.assertChecks(Map.of("count", 16, "stored", false, "code", "CORRUPTED_DATA"),
                Map.of("count", 16L, "stored", Boolean.FALSE, "code", "CORRUPTED_DATA"));
        AssertionError failure = assertThrows(AssertionError.class,
                () -> Chromium.assertChecks(Map.of("count", 16), "error:INVALID_ARGUMENT:bad"));
        assertTrue(failure.getMessage().contains("error:INVALID_ARGUMENT:bad"), failure.getMessage());
    }
}
