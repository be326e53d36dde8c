package org.defiancenetwork.media;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.defiancenetwork.media.api.MediaLayout;
import org.defiancenetwork.platform.web.ByteRange;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves HLS playlists, segments, recordings and posters under /media/. Playlists and hashes change
 * while a broadcast is live: they are revalidated on every use (ETag, 304), gzipped for clients
 * that accept it, and cut to the live window by {@link LiveMedia}. Every other file is written once
 * and cached forever.
 */
@Singleton
public class MediaFiles {

    static final String PREFIX = "/media/";
    private static final Logger LOG = Logger.getLogger(MediaFiles.class);
    private static final String PLAYLIST_CACHING = "no-cache";
    private static final String IMMUTABLE_CACHING = "public, max-age=31536000, immutable";
    private static final String HASHES_TYPE = "application/json";

    private final MediaLayout layout;
    private final LiveMedia live;
    private final Counter bytesServed;

    MediaFiles(MediaLayout layout, LiveMedia live, MeterRegistry registry) {
        this.layout = layout;
        this.live = live;
        this.bytesServed = Counter.builder("defiance.media.bytes.served")
                .description("Bytes of media files sent by this node over HTTP")
                .register(registry);
    }

    void install(@Observes Router router) {
        router.route(PREFIX + "*").method(HttpMethod.GET).method(HttpMethod.HEAD).blockingHandler(this::serve, false);
    }

    private void serve(RoutingContext ctx) {
        String relative = ctx.normalizedPath().substring(PREFIX.length());
        try {
            if (relative.endsWith("/" + SegmentHashes.FILE) && serveLiveHashes(ctx, relative)) {
                return;
            }
            Optional<MediaPath.Resolved> resolved = MediaPath.resolve(layout.root(), relative);
            if (resolved.isEmpty()) {
                ctx.next();
                return;
            }
            MediaPath.Resolved media = resolved.get();
            if (media.mutable()) {
                Optional<TextAnswer> answer = live.file(media.file());
                if (answer.isPresent()) {
                    sendText(ctx, media.contentType(), answer.get());
                    return;
                }
            }
            sendFile(ctx, media);
        } catch (IOException vanished) {
            LOG.debugf("could not serve %s: %s", relative, vanished.getMessage());
            ctx.next();
        }
    }

    /** While a rendition's playlist is live, its hashes are those of the window, whatever is on disk. */
    private boolean serveLiveHashes(RoutingContext ctx, String relative) throws IOException {
        String playlist = relative.substring(0, relative.length() - SegmentHashes.FILE.length()) + MediaLayout.RENDITION_PLAYLIST;
        Optional<MediaPath.Resolved> resolved = MediaPath.resolve(layout.root(), playlist);
        if (resolved.isEmpty()) {
            return false;
        }
        Optional<TextAnswer> hashes = live.liveHashes(resolved.get().file());
        hashes.ifPresent(answer -> sendText(ctx, HASHES_TYPE, answer));
        return hashes.isPresent();
    }

    private void sendText(RoutingContext ctx, String contentType, TextAnswer answer) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        boolean gzip = TextAnswer.acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        Instant now = Instant.now();
        response.putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CACHE_CONTROL, PLAYLIST_CACHING)
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .putHeader(HttpHeaders.ETAG, answer.etag(gzip));
        String lastModified = answer.lastModified(now);
        if (lastModified != null) {
            response.putHeader(HttpHeaders.LAST_MODIFIED, lastModified);
        }
        if (answer.notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH), request.getHeader(HttpHeaders.IF_MODIFIED_SINCE), now)) {
            response.setStatusCode(304).end();
            return;
        }
        if (gzip) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        byte[] body = answer.body(gzip);
        if (request.method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length)).end();
            return;
        }
        response.end(Buffer.buffer(body)).onSuccess(done -> bytesServed.increment(body.length));
    }

    private void sendFile(RoutingContext ctx, MediaPath.Resolved media) throws IOException {
        HttpServerResponse response = ctx.response();
        long length = Files.size(media.file());
        response.putHeader(HttpHeaders.CONTENT_TYPE, media.contentType())
                .putHeader(HttpHeaders.CACHE_CONTROL, media.mutable() ? PLAYLIST_CACHING : IMMUTABLE_CACHING)
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes");

        Optional<ByteRange> range;
        try {
            range = media.mutable() ? Optional.empty() : ByteRange.parse(ctx.request().getHeader("Range"), length);
        } catch (ByteRange.Unsatisfiable e) {
            response.setStatusCode(416).putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + length).end();
            return;
        }
        long offset = range.map(ByteRange::start).orElse(0L);
        long count = range.map(ByteRange::length).orElse(length);
        if (range.isPresent()) {
            response.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE, range.get().contentRange(length));
        }
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(count)).end();
            return;
        }
        response.sendFile(media.file().toString(), offset, count)
                .onSuccess(done -> bytesServed.increment(count));
    }
}
