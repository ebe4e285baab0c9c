package dev.keepsake.browser.remote;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.remote.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** {@link FetchTransport}'s logic over a fake {@code fetch} that records calls and answers by hand. */
public class FetchTransportTest {

    private static final String TOKEN = "ks1.abc.secret-part";

    /** One recorded call to the fake. */
    private record Call(String url, String method, String authorization, byte[] body, int timeoutMillis,
            FetchFunction.Answer answer) {
    }

    /** Records each call; the test settles it through the recorded answer. */
    private static final class FakeFetch implements FetchFunction {
        final List<Call> calls = new ArrayList<>();

        @Override
        public void fetch(String url, String method, String authorization, byte[] body, int timeoutMillis,
                Answer answer) {
            calls.add(new Call(url, method, authorization, body, timeoutMillis, answer));
        }
    }

    private final FakeFetch fetch = new FakeFetch();

    @Test
    public void requestsGoToTheBasePlusThePathWithTheBearerTokenAndTheBody() {
        Transport transport = new FetchTransport(fetch, "http://127.0.0.1:8787/", TOKEN, 1234);
        byte[] body = "{\"operations\":[]}".getBytes(StandardCharsets.UTF_8);

        transport.send(new Transport.Request("POST", "/v1/scopes/notes/push", body));

        Call call = fetch.calls.get(0);
        assertEquals("http://127.0.0.1:8787/v1/scopes/notes/push", call.url());
        assertEquals("POST", call.method());
        assertEquals("Bearer " + TOKEN, call.authorization());
        assertArrayEquals(body, call.body());
        assertEquals(1234, call.timeoutMillis());
    }

    @Test
    public void aGetSendsNoBody() {
        Transport transport = new FetchTransport(fetch, "http://127.0.0.1:8787", TOKEN, 1000);

        transport.send(new Transport.Request("GET", "/v1/scopes/notes", null));

        assertEquals("http://127.0.0.1:8787/v1/scopes/notes", fetch.calls.get(0).url());
        assertNull(fetch.calls.get(0).body());
    }

    @Test
    public void theRequestStaysPendingUntilFetchAnswers() {
        Async<Transport.Response> answer = new FetchTransport(fetch, "http://h", TOKEN, 1000)
                .send(new Transport.Request("GET", "/health", null));

        assertFalse(answer.isDone());
    }

    @Test
    public void everyStatusTheServerAnsweredCompletesTheRequest() {
        Transport transport = new FetchTransport(fetch, "http://h", TOKEN, 1000);
        for (int status : new int[] {200, 401, 404, 410, 413, 503}) {
            Async<Transport.Response> answer = transport.send(new Transport.Request("GET", "/x", null));
            byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            fetch.calls.get(fetch.calls.size() - 1).answer().answered(status, body);

            assertEquals("status " + status, status, answer.peek().status());
            assertArrayEquals("body of " + status, body, answer.peek().body());
        }
    }

    @Test
    public void noAnswerFailsWithBackendUnavailableNamingTheFailureButNotTheToken() {
        Async<Transport.Response> answer = new FetchTransport(fetch, "http://h", TOKEN, 1000)
                .send(new Transport.Request("GET", "/x", null));

        fetch.calls.get(0).answer().failed("TypeError", "Failed to fetch " + TOKEN);

        assertTrue(answer.isDone());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, answer::peek);
        assertTrue(e.getMessage(), e.getMessage().contains("TypeError"));
        assertFalse(e.getMessage(), e.getMessage().contains(TOKEN));
    }

    @Test
    public void theTimeoutFailsWithBackendUnavailable() {
        Async<Transport.Response> answer = new FetchTransport(fetch, "http://h", TOKEN, 1000)
                .send(new Transport.Request("GET", "/x", null));

        fetch.calls.get(0).answer().failed("AbortError", "signal is aborted without reason");

        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, answer::peek);
        assertTrue(e.getMessage(), e.getMessage().contains("AbortError"));
    }

    @Test
    public void aFetchThatThrowsFailsWithBackendUnavailable() {
        FetchFunction throwing = (url, method, authorization, body, timeoutMillis, answer) -> {
            throw new IllegalStateException("no fetch here");
        };

        Async<Transport.Response> answer = new FetchTransport(throwing, "http://h", TOKEN, 1000)
                .send(new Transport.Request("GET", "/x", null));

        assertThrows(BackendUnavailableException.class, answer::peek);
    }

    @Test
    public void onlyTheFirstSettlementCounts() {
        Async<Transport.Response> answer = new FetchTransport(fetch, "http://h", TOKEN, 1000)
                .send(new Transport.Request("GET", "/x", null));

        fetch.calls.get(0).answer().answered(200, new byte[] {1});
        fetch.calls.get(0).answer().failed("AbortError", "late");

        assertEquals(200, answer.peek().status());
    }

    @Test
    public void theFactoryRefusesAnAddressThatIsNotHttpOrHttps() {
        assertThrows(IllegalArgumentException.class, () -> RemoteTransports.fetch("ftp://127.0.0.1", TOKEN));
        assertThrows(IllegalArgumentException.class, () -> RemoteTransports.fetch("127.0.0.1:8787", TOKEN));
        assertThrows(NullPointerException.class, () -> RemoteTransports.fetch(null, TOKEN));
        assertThrows(NullPointerException.class, () -> RemoteTransports.fetch("http://127.0.0.1", null));
    }
}
