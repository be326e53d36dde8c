package org.defiancenetwork.media;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.defiancenetwork.media.api.MediaLayout;
import org.defiancenetwork.media.api.TranscoderService;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves HLS playlists, segments, recordings and posters under /media/. Playlists change while a
 * broadcast is live, so they are never cached; every other file is written once and cached forever.
 */
@Singleton
public class MediaFiles {

    static final String PREFIX = "/media/";
    private static final String PLAYLIST_CACHING = "no-cache";
    private static final String IMMUTABLE_CACHING = "public, max-age=31536000, immutable";

    private final MediaLayout layout;
    private final TranscoderService transcoders;
    private final Counter bytesServed;

    MediaFiles(MediaLayout layout, TranscoderService transcoders, MeterRegistry registry) {
        this.layout = layout;
        this.transcoders = transcoders;
        this.bytesServed = Counter.builder("defiance.media.bytes.served")
                .description("Bytes of media files sent by this node over HTTP")
                .register(registry);
    }

    void install(@Observes Router router) {
        router.route(PREFIX + "*").method(HttpMethod.GET).method(HttpMethod.HEAD).blockingHandler(this::serve, false);
    }

    private void serve(RoutingContext ctx) {
        String relative = ctx.normalizedPath().substring(PREFIX.length());
        if (relative.endsWith("/" + SegmentHashes.FILE) && relative.indexOf('/') > 0) {
            transcoders.publishHashesOf(relative.substring(0, relative.indexOf('/')));
        }
        Optional<MediaPath.Resolved> resolved = MediaPath.resolve(layout.root(), relative);
        if (resolved.isEmpty()) {
            ctx.next();
            return;
        }
        MediaPath.Resolved media = resolved.get();
        HttpServerResponse response = ctx.response();
        long length;
        try {
            length = Files.size(media.file());
        } catch (IOException vanished) {
            ctx.next();
            return;
        }
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
