package dev.keepsake.testing;

import dev.keepsake.core.PublicApi;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every change to this module's public API is deliberate: it shows in {@code api/keepsake-testing.api}. */
class PublicApiTest {

    @Test
    void thePublicApiIsTheCommittedListing() {
        PublicApi.check(Path.of("target", "classes"), Path.of("api", "keepsake-testing.api"));
    }
}
