package org.defiancenetwork.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.defiancenetwork.media.api.RecordingDownloads;
import org.defiancenetwork.platform.web.ByteRange;
import org.jboss.logging.Logger;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /media/{id}/recording.mp4: the recording as one MP4 (made on first request), with ranges so
 * players and renderers can seek. Once made, the file also satisfies the general /media route.
 */
@Singleton
public class RecordingDownloadRoute {

    private static final Logger LOG = Logger.getLogger(RecordingDownloadRoute.class);
    private static final Pattern ID = Pattern.compile("[a-z2-7]{16}");

    private final RecordingDownloads downloads;

    RecordingDownloadRoute(RecordingDownloads downloads) {
        this.downloads = downloads;
    }

    void install(@Observes Router router) {
        router.route("/media/:id/" + RecordingDownloads.FILE).method(HttpMethod.GET).method(HttpMethod.HEAD)
                .blockingHandler(this::serve, false);
    }

    private void serve(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id == null || !ID.matcher(id).matches()) {
            ctx.next();
            return;
        }
        Optional<Path> mp4;
        try {
            mp4 = downloads.prepare(id);
        } catch (IOException e) {
            LOG.errorf("no MP4 of %s: %s", id, e.getMessage());
            ctx.response().setStatusCode(500).end();
            return;
        }
        if (mp4.isEmpty()) {
            ctx.next();
            return;
        }
        long length;
        try {
            length = Files.size(mp4.get());
        } catch (IOException vanished) {
            ctx.next();
            return;
        }
        HttpServerResponse response = ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, RecordingDownloads.CONTENT_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(ctx.request().getHeader("Range"), length);
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
        response.sendFile(mp4.get().toString(), offset, count);
    }
}
