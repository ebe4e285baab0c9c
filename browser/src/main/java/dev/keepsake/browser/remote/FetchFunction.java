package dev.keepsake.browser.remote;

/**
 * The one page call {@link FetchTransport} makes: an HTTP exchange by {@code fetch}. The seam
 * between the transport's logic and the browser, so tests can answer without a network.
 */
interface FetchFunction {

    /**
     * Starts one exchange and later calls exactly one of {@code answer}'s methods.
     *
     * @param url the absolute URL
     * @param method {@code GET} or {@code POST}
     * @param authorization the {@code Authorization} header's value
     * @param body the JSON body, or null for none
     * @param timeoutMillis how long to wait for the whole answer before giving up
     */
    void fetch(String url, String method, String authorization, byte[] body, int timeoutMillis, Answer answer);

    /** Receives the end of one exchange. */
    interface Answer {

        /** The server answered with {@code status} and {@code body} (empty when there was none). */
        void answered(int status, byte[] body);

        /**
         * No answer arrived: {@code name} is the rejection's name ({@code TypeError} for a network
         * failure or refused CORS, {@code AbortError} for the timeout).
         */
        void failed(String name, String message);
    }
}
