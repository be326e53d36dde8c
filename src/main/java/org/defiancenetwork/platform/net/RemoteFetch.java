package org.defiancenetwork.platform.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Fetches what strangers point the node at (catalogues, feeds, registries, another node's media)
 * with every URL checked by a {@link UrlGuard} (redirects included, each hop checked), a time limit
 * and a size limit, so a hostile or broken origin can neither reach inside nor exhaust the node.
 * Conditional requests (ETag, Last-Modified) keep refreshes cheap.
 */
public final class RemoteFetch {

    /** The validators of a copy the caller already has; nulls when it has none. */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);
    }

    /** An answer: {@code notModified} when the caller's copy is current (body empty then). */
    public record Fetched(URI uri, int status, byte[] body, String contentType, Validators validators,
            boolean notModified) {
    }

    /** The origin answered, but not with something usable; or it could not be reached in time. */
    public static final class Failed extends IOException {
        private final int status;

        public Failed(String message, int status) {
            super(message);
            this.status = status;
        }

        /** The HTTP status, or 0 when there was no answer. */
        public int status() {
            return status;
        }
    }

    private static final int MAX_REDIRECTS = 5;

    private final UrlGuard guard;
    private final HttpClient client;
    private final Duration timeout;
    private final String userAgent;

    public RemoteFetch(UrlGuard guard, Duration timeout, String userAgent) {
        this.guard = guard;
        this.timeout = timeout;
        this.userAgent = userAgent;
        // Redirects are followed here, not by the client, so every hop passes the guard.
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public UrlGuard guard() {
        return guard;
    }

    /** GET into memory; refuses bodies over {@code maxBytes}. */
    public Fetched get(String url, Validators known, long maxBytes) throws UrlGuard.Refused, IOException {
        return get(guard.check(url), known, maxBytes, "*/*");
    }

    public Fetched get(URI uri, Validators known, long maxBytes, String accept) throws UrlGuard.Refused, IOException {
        HttpResponse<InputStream> response = open(uri, known, accept);
        URI finalUri = response.uri();
        int status = response.statusCode();
        Validators validators = new Validators(response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Last-Modified").orElse(null));
        String type = response.headers().firstValue("Content-Type").orElse(null);
        try (InputStream body = response.body()) {
            if (status == 304) {
                return new Fetched(finalUri, status, new byte[0], type, known, true);
            }
            if (status < 200 || status > 299) {
                throw new Failed(finalUri + " answered HTTP " + status, status);
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw new Failed(finalUri + " is " + declared + " bytes, more than the " + maxBytes + " allowed", 413);
            }
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new Failed(finalUri + " is larger than the " + maxBytes + " bytes allowed", 413);
            }
            return new Fetched(finalUri, status, bytes, type, validators, false);
        }
    }

    /**
     * GET streamed into {@code target} (written beside it and moved into place when complete);
     * refuses bodies over {@code maxBytes}. Returns the number of bytes written.
     */
    public long download(URI uri, Path target, long maxBytes) throws UrlGuard.Refused, IOException {
        HttpResponse<InputStream> response = open(uri, Validators.NONE, "*/*");
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (InputStream body = response.body()) {
            if (response.statusCode() < 200 || response.statusCode() > 299) {
                throw new Failed(response.uri() + " answered HTTP " + response.statusCode(), response.statusCode());
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            long written = 0;
            try (OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = body.read(buffer)) > 0;) {
                    written += n;
                    if (written > maxBytes) {
                        throw new Failed(response.uri() + " is larger than the " + maxBytes + " bytes allowed", 413);
                    }
                    out.write(buffer, 0, n);
                }
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * POST {@code body} (a peer's inbox, a follow request). Redirects are not followed: a POST that
     * moves is refused rather than re-sent somewhere the guard has not seen. Answers over
     * {@code maxBytes} are refused.
     */
    public Fetched post(URI target, String contentType, byte[] body, long maxBytes) throws UrlGuard.Refused, IOException {
        URI uri = guard.check(target);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("User-Agent", userAgent)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted while posting to " + uri, 0);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new Failed(uri + " did not answer within " + timeout.toSeconds() + " s", 0);
        } catch (IOException e) {
            throw new Failed(uri + " could not be reached: " + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()), 0);
        }
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new Failed(uri + " answered more than the " + maxBytes + " bytes allowed", 413);
            }
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                throw new Failed(uri + " answered HTTP " + status + (bytes.length > 0 ? ": " + abbreviate(bytes) : ""), status);
            }
            return new Fetched(uri, status, bytes, response.headers().firstValue("Content-Type").orElse(null), Validators.NONE, false);
        }
    }

    private static String abbreviate(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
        return text.replaceAll("\\s+", " ");
    }

    private HttpResponse<InputStream> open(URI first, Validators known, String accept)
            throws UrlGuard.Refused, IOException {
        URI uri = guard.check(first);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("User-Agent", userAgent)
                    .header("Accept", accept)
                    .GET();
            if (known.etag() != null) {
                request.header("If-None-Match", known.etag());
            }
            if (known.lastModified() != null) {
                request.header("If-Modified-Since", known.lastModified());
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failed("interrupted while fetching " + uri, 0);
            } catch (java.net.http.HttpTimeoutException e) {
                throw new Failed(uri + " did not answer within " + timeout.toSeconds() + " s", 0);
            } catch (IOException e) {
                throw new Failed(uri + " could not be reached: " + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()), 0);
            }
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String location = response.headers().firstValue("Location").orElse(null);
                response.body().close();
                if (location == null) {
                    throw new Failed(uri + " redirected without a Location", status);
                }
                uri = guard.check(uri.resolve(location));
                continue;
            }
            return response;
        }
        throw new Failed(first + " redirected more than " + MAX_REDIRECTS + " times", 0);
    }
}
