package org.defiancenetwork.platform.web;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/** Whether a browser's Origin header names this node, as reached by this request or at its public URL. */
public final class Origins {

    private Origins() {
    }

    public static boolean sameOrigin(String origin, HttpServerRequest request, Optional<String> publicBaseUrl) {
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            return false;
        }
        String claimed = normalise(origin);
        if (claimed == null) {
            return false;
        }
        HostAndPort reached = request.authority();
        if (reached != null && claimed.equals(normalise(request.scheme() + "://" + reached.host()
                + (reached.port() >= 0 ? ":" + reached.port() : "")))) {
            return true;
        }
        return publicBaseUrl.map(Origins::normalise).map(claimed::equals).orElse(false);
    }

    /** scheme://host:port in lower case with the default port spelled out; null when it is no http(s) origin. */
    static String normalise(String url) {
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return null;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
