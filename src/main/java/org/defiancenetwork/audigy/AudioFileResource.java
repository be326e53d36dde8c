package org.defiancenetwork.audigy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ServerErrorException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Response;

import org.defiancenetwork.platform.web.ByteRange;
import org.jboss.resteasy.reactive.PathPart;

/**
 * {@code /audio/file/{entry}}: the node's own copy of an entry's audio, served only when it
 * matched the catalogue, with Range support so players can seek. A copy that did not match is
 * refused with the reason and the URI that gave it.
 */
@Path("/audio/file")
public class AudioFileResource {

    @Inject
    Catalogues catalogues;

    @Inject
    AudioCopies copies;

    @GET
    @Path("/{id}")
    public Response file(@PathParam("id") String id, @HeaderParam("Range") String range) {
        EntryView entry = catalogues.entry(id).orElseThrow(() -> new NotFoundException("There is no entry " + id + " on this node."));
        if (!entry.availability().open()) {
            throw new ForbiddenException(entry.availability().summary() + ".");
        }
        Optional<AudioCopies.Status> known = copies.status(entry.id());
        if (copies.mode() == AudioConfig.CacheMode.OFF && !known.map(AudioCopies.Status::pinned).orElse(false)) {
            throw new NotFoundException("This node keeps no copies of audio (defiance.audio.cache=off); play it from its origin.");
        }
        AudioCopies.Status status = known.filter(s -> s.state() != AudioCopy.State.EVICTED).orElseGet(() -> copies.ensure(entry.id()));
        java.nio.file.Path file = copies.file(entry.id());
        switch (status.state()) {
            case VERIFIED, UNVERIFIED -> {
                if (!Files.isRegularFile(file)) {
                    return retryLater(copies.ensure(entry.id()));
                }
            }
            case MISMATCH -> throw new ServerErrorException("Refused: " + status.detail(), 502);
            case UNAVAILABLE -> throw new ServerErrorException("No copy: " + status.detail(), 502);
            default -> {
                return retryLater(status);
            }
        }
        long length;
        try {
            length = Files.size(file);
        } catch (IOException vanished) {
            return retryLater(copies.ensure(entry.id()));
        }
        copies.touch(entry.id());
        Optional<ByteRange> part;
        try {
            part = ByteRange.parse(range, length);
        } catch (ByteRange.Unsatisfiable e) {
            return Response.status(416).header("Content-Range", "bytes */" + length).build();
        }
        Response.ResponseBuilder answer = part.isPresent()
                ? Response.status(206).header("Content-Range", part.get().contentRange(length))
                : Response.ok();
        long offset = part.map(ByteRange::start).orElse(0L);
        long count = part.map(ByteRange::length).orElse(length);
        return answer.entity(new PathPart(file, offset, count))
                .type(status.contentType() == null ? AudioTypes.DEFAULT : status.contentType())
                .header("Accept-Ranges", "bytes")
                .header("ETag", status.sha256() == null ? null : "\"" + status.sha256() + "\"")
                .header("Cache-Control", "public, max-age=3600")
                .header("X-Audio-Verified", status.state() == AudioCopy.State.VERIFIED ? "size+checksum" : "no checksum given")
                .build();
    }

    private static Response retryLater(AudioCopies.Status status) {
        throw new ServiceUnavailableException("The node is fetching and verifying this audio; try again in a moment.", 2L);
    }
}
