package org.defiancenetwork.media.api;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.media.FfmpegCommand;
import org.defiancenetwork.media.FfmpegConfig;
import org.defiancenetwork.media.MediaPacer;
import org.defiancenetwork.media.TranscoderConfig;

import io.quarkus.scheduler.Scheduled;

/** Starts transcoders with the node's ladder and FFmpeg; the API the live feature uses. */
@ApplicationScoped
public class TranscoderService {

    private final FfmpegConfig ffmpeg;
    private final TranscoderConfig config;
    private final MediaLayout layout;
    private final Set<Transcoder> running = ConcurrentHashMap.newKeySet();

    TranscoderService(FfmpegConfig ffmpeg, TranscoderConfig config, MediaLayout layout) {
        this.ffmpeg = ffmpeg;
        this.config = config;
        this.layout = layout;
    }

    /** Largest picture height any rendition wants: ingest scales bigger cameras down to this. */
    public int maxHeight() {
        return config.renditions().stream().mapToInt(TranscoderConfig.Rendition::maxHeight).max().orElse(720);
    }

    public List<RenditionPlan> ladderFor(int width, int height) {
        return RenditionPlan.ladder(width, height, config.renditions());
    }

    /** Starts FFmpeg for a broadcast whose pictures are {@code width}x{@code height}. */
    public Transcoder start(String broadcastId, int width, int height, Transcoder.Listener listener) throws IOException {
        MediaPacer pacer = new MediaPacer(config.frameRate(), width, height);
        FfmpegCommand.Inputs inputs = new FfmpegCommand.Inputs(ffmpeg.path(), width, height, config.frameRate(), 0,
                layout.broadcastDir(broadcastId), ladderFor(width, height), config.segmentSeconds(), config.x264Preset(),
                config.audioKbps());
        Transcoder transcoder = Transcoder.start(broadcastId, inputs, pacer, (t, code, requested) -> {
            running.remove(t);
            t.publishHashes(true);
            listener.exited(t, code, requested);
        });
        running.add(transcoder);
        return transcoder;
    }

    /**
     * Keeps every segment's hash in hashes.json on disk, the record a finished broadcast is checked
     * against; live viewers get the window's hashes from the media server, made from the playlist.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishSegmentHashes() {
        running.forEach(t -> t.publishHashes(false));
    }
}
