package dev.keepsake.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SyncServer#issueToken}: what an embedding program (the demo) uses instead of {@code token create}. */
class IssueTokenTest {

    @Test
    void anIssuedTokenGrantsExactlyItsScopesAndRightsAndIsListed(@TempDir Path folder) throws Exception {
        try (SyncServer server = SyncServer.start(ServerConfig.builder().port(0).sqlite(folder.resolve("s.db"))
                .build())) {
            String write = server.issueToken(List.of("notes"), true);
            String read = server.issueToken(List.of("notes"), false);
            assertTrue(write.startsWith("ks1."), write);
            Http http = new Http(server.port());
            assertEquals(200, http.get("/v1/scopes/notes", write).statusCode());
            assertEquals(403, http.get("/v1/scopes/other", write).statusCode(), "another scope");
            assertEquals(200, http.post("/v1/scopes/notes/push", write, AuthTest.pushBody("c", "k", "v")).statusCode());
            assertEquals(403, http.post("/v1/scopes/notes/push", read, AuthTest.pushBody("c", "k2", "v")).statusCode(),
                    "read only");
            try (SqlStore store = SyncServer.openStore(ServerConfig.builder().sqlite(folder.resolve("s.db")).build())) {
                String id = write.split("\\.")[1];
                assertTrue(store.tokens().stream()
                        .anyMatch(g -> g.id().equals(id) && g.write() && g.scopes().equals(List.of("notes"))),
                        "listed as token create's tokens are: " + store.tokens());
                assertEquals(2, store.tokens().size());
            }
        }
    }

    @Test
    void aTokenNeedsValidScopes(@TempDir Path folder) throws Exception {
        try (SyncServer server = SyncServer.start(ServerConfig.builder().port(0).sqlite(folder.resolve("s.db"))
                .build())) {
            assertThrows(IllegalArgumentException.class, () -> server.issueToken(List.of(), true));
            assertThrows(IllegalArgumentException.class, () -> server.issueToken(List.of("no spaces"), true));
            assertThrows(IllegalArgumentException.class, () -> server.issueToken(List.of(""), false));
        }
    }
}
