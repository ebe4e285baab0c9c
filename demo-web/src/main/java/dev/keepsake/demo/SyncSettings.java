package dev.keepsake.demo;

import java.net.URI;
import java.util.Objects;

/**
 * What the page's sync panel needs, served as {@code /sync-config.json}:
 * {@code {"url": "<sync server base URL>", "scope": "demo", "token": "<token>"}}.
 *
 * @param url the sync server's base URL, {@code http://host:port} with no trailing slash
 * @param scope the scope the demo syncs
 * @param token a read-write bearer token for {@code scope}
 */
record SyncSettings(String url, String scope, String token) {

    SyncSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(token, "token");
        URI uri = URI.create(url);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("the sync URL must be http:// or https:// with a host: " + url);
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
    }

    /** The origin (scheme, host and port) the page's CSP must allow it to connect to. */
    String origin() {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    String toJson() {
        return "{\"url\": " + quote(url) + ", \"scope\": " + quote(scope) + ", \"token\": " + quote(token) + "}\n";
    }

    @Override
    public String toString() {
        return "SyncSettings[" + url + ", " + scope + "]";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
