package dev.keepsake.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoServerTest {

    private DemoServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = DemoServer.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheIndexPageAsHtml() throws Exception {
        HttpResponse<String> response = get("/");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().contains("Keepsake"));
    }

    @Test
    void missingFilesAre404AndTraversalIsRefused() throws Exception {
        assertEquals(404, get("/no-such-file.js").statusCode());
        assertEquals(400, get("/..%2f..%2fetc/passwd").statusCode());
    }

    @Test
    void contentTypesSuitBrowsers() {
        assertEquals("application/wasm", DemoServer.contentType("/keepsake.wasm"));
        assertTrue(DemoServer.contentType("/keepsake.js").startsWith("text/javascript"));
        assertEquals("application/octet-stream", DemoServer.contentType("/blob"));
    }
}
