package dev.keepsake.core;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every change to this module's public API is deliberate: it shows in {@code api/keepsake-core.api}. */
class PublicApiTest {

    @Test
    void thePublicApiIsTheCommittedListing() {
        PublicApi.check(Path.of("target", "classes"), Path.of("api", "keepsake-core.api"));
    }
}
