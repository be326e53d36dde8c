package org.defiancenetwork.audigy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * A real HTTP origin for audio and catalogues, as a podcast host would run one: Vert.x's static
 * file handler on a free loopback port, with ETag, Last-Modified, conditional GET and Range. It
 * remembers every request, and can be told to fail.
 */
final class AudioOrigin implements AutoCloseable {

    /** One request the origin answered. */
    record Request(String method, String path, String ifNoneMatch, String ifModifiedSince, String range, int status) {
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final Path dir;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int failWith;

    private AudioOrigin(Vertx vertx, HttpServer server, Path dir) {
        this.vertx = vertx;
        this.server = server;
        this.dir = dir;
    }

    static AudioOrigin start(Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        AudioOrigin[] self = new AudioOrigin[1];
        router.route().handler(ctx -> {
            ctx.addEndHandler(done -> self[0].requests.add(new Request(ctx.request().method().name(), ctx.request().path(),
                    ctx.request().getHeader("If-None-Match"), ctx.request().getHeader("If-Modified-Since"),
                    ctx.request().getHeader("Range"), ctx.response().getStatusCode())));
            int failure = self[0].failWith;
            if (failure != 0) {
                ctx.response().setStatusCode(failure).end("failing on purpose");
            } else {
                ctx.next();
            }
        });
        router.route().handler(StaticHandler.create(FileSystemAccess.ROOT, dir.toAbsolutePath().toString())
                .setCachingEnabled(true)
                .setFilesReadOnly(false)
                .setCacheEntryTimeout(1)
                .setMaxAgeSeconds(1)
                .setDirectoryListing(false));
        HttpServer server = vertx.createHttpServer().requestHandler(router);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        self[0] = new AudioOrigin(vertx, server, dir);
        return self[0];
    }

    String url(String name) {
        return "http://127.0.0.1:" + server.actualPort() + "/" + name;
    }

    Path dir() {
        return dir;
    }

    /**
     * Puts a file where the origin serves it (written beside and moved, as a deploy would). Its
     * modification time moves at least two whole seconds past the previous version's: HTTP dates
     * have one-second resolution, so a change within the same second would otherwise be answered
     * 304 to the validator of the version before.
     */
    Path put(String name, byte[] content) throws Exception {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve(name + ".tmp");
        Files.write(tmp, content);
        long modified = System.currentTimeMillis();
        if (Files.exists(target)) {
            modified = Math.max(modified, Files.getLastModifiedTime(target).toMillis() + 2000);
        }
        Files.setLastModifiedTime(tmp, FileTime.fromMillis(modified / 1000 * 1000));
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Path put(String name, Path source) throws Exception {
        return put(name, Files.readAllBytes(source));
    }

    List<Request> requests(String name) {
        return requests.stream().filter(r -> r.path().equals("/" + name)).toList();
    }

    /** From now on every request is answered with this status (0: serve files again). */
    void failWith(int status) {
        this.failWith = status;
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
