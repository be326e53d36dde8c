package org.defiancenetwork.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.restassured.path.json.JsonPath;

/** What ffprobe says about a media file or playlist: the judge of what we wrote. */
public record Ffprobe(List<String> codecs, double durationSeconds, JsonPath json) {

    public static Ffprobe of(Path media) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_type,codec_name,start_time,width,height:format=duration", "-of", "json", media.toString())
                .redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("ffprobe failed on " + media + ": " + err);
        }
        JsonPath json = new JsonPath(out);
        return new Ffprobe(json.getList("streams.codec_name"), Double.parseDouble(json.getString("format.duration")), json);
    }

    public double startTime(String codecType) {
        return Double.parseDouble(json.getString("streams.find { it.codec_type == '" + codecType + "' }.start_time"));
    }
}
