package org.defiancenetwork.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.defiancenetwork.media.api.MediaLayout;
import org.defiancenetwork.media.api.PcmConverter;
import org.defiancenetwork.media.api.RenditionPlan;

/**
 * The one place that builds FFmpeg's command line for a broadcast: raw video on stdin, raw audio
 * from a loopback socket, out an HLS ladder with a master playlist. Every rendition gets a keyframe
 * exactly at each segment boundary, so all rungs switch cleanly and every segment starts playable.
 */
public record FfmpegCommand(List<String> arguments) {

    /** What the command is built from; all of it is known once the first picture has arrived. */
    public record Inputs(String executable, int width, int height, int frameRate, int audioPort, Path outputDir,
            List<RenditionPlan> ladder, int segmentSeconds, String x264Preset, int audioKbps) {
    }

    public static FfmpegCommand forBroadcast(Inputs in) {
        List<String> a = new ArrayList<>();
        a.add(in.executable());
        add(a, "-hide_banner", "-nostdin", "-loglevel", "warning", "-nostats", "-progress", "pipe:1");
        // Input 0: constant-rate raw pictures on stdin; input 1: 48 kHz stereo PCM from our socket.
        add(a, "-thread_queue_size", "64", "-f", "rawvideo", "-pix_fmt", "yuv420p",
                "-video_size", in.width() + "x" + in.height(), "-framerate", Integer.toString(in.frameRate()),
                "-i", "pipe:0");
        add(a, "-thread_queue_size", "1024", "-f", "s16le", "-ar", Integer.toString(PcmConverter.RATE),
                "-ac", Integer.toString(PcmConverter.CHANNELS), "-i", "tcp://127.0.0.1:" + in.audioPort());

        List<RenditionPlan> ladder = in.ladder();
        a.add("-filter_complex");
        a.add(filterGraph(in.width(), in.height(), ladder));
        for (int i = 0; i < ladder.size(); i++) {
            add(a, "-map", "[v" + i + "]");
        }
        for (int i = 0; i < ladder.size(); i++) {
            add(a, "-map", "1:a");
        }
        int gop = in.frameRate() * in.segmentSeconds();
        add(a, "-c:v", "libx264", "-preset", in.x264Preset(), "-tune", "zerolatency", "-profile:v", "main",
                "-pix_fmt", "yuv420p", "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop),
                "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*" + in.segmentSeconds() + ")");
        for (int i = 0; i < ladder.size(); i++) {
            int kbps = ladder.get(i).videoKbps();
            add(a, "-b:v:" + i, kbps + "k", "-maxrate:v:" + i, kbps + "k", "-bufsize:v:" + i, (2 * kbps) + "k");
        }
        add(a, "-c:a", "aac", "-b:a", in.audioKbps() + "k", "-ar", Integer.toString(PcmConverter.RATE), "-ac", "2");

        StringJoiner streamMap = new StringJoiner(" ");
        for (int i = 0; i < ladder.size(); i++) {
            streamMap.add("v:" + i + ",a:" + i + ",name:" + ladder.get(i).name());
        }
        Path out = in.outputDir();
        add(a, "-f", "hls", "-hls_time", Integer.toString(in.segmentSeconds()), "-hls_list_size", "0",
                "-hls_playlist_type", "event", "-hls_segment_type", "mpegts",
                "-hls_flags", "independent_segments+program_date_time+temp_file",
                "-hls_segment_filename", out.resolve("%v").resolve("seg%05d.ts").toString(),
                "-master_pl_name", MediaLayout.MASTER_PLAYLIST,
                "-var_stream_map", streamMap.toString(),
                out.resolve("%v").resolve(MediaLayout.RENDITION_PLAYLIST).toString());
        return new FfmpegCommand(List.copyOf(a));
    }

    /** Splits the input once per rendition and scales where a rung is smaller than the source. */
    static String filterGraph(int width, int height, List<RenditionPlan> ladder) {
        StringBuilder graph = new StringBuilder("[0:v]split=").append(ladder.size());
        for (int i = 0; i < ladder.size(); i++) {
            graph.append("[s").append(i).append(']');
        }
        for (int i = 0; i < ladder.size(); i++) {
            RenditionPlan r = ladder.get(i);
            graph.append(';').append("[s").append(i).append(']');
            if (r.width() == width && r.height() == height) {
                graph.append("null");
            } else {
                graph.append("scale=").append(r.width()).append(':').append(r.height());
            }
            graph.append("[v").append(i).append(']');
        }
        return graph.toString();
    }

    /** The command as one line for the log, quoted where a shell would need it. */
    @Override
    public String toString() {
        StringJoiner line = new StringJoiner(" ");
        for (String arg : arguments) {
            line.add(arg.matches("[A-Za-z0-9_./:=+,%-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }

    private static void add(List<String> list, String... values) {
        list.addAll(List.of(values));
    }
}
