package org.defiancenetwork.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the FFmpeg tools live; the node runs them as child processes. */
@ConfigMapping(prefix = "defiance.ffmpeg")
public interface FfmpegConfig {

    /** The ffmpeg executable: a name looked up on PATH, or an absolute path. */
    @WithDefault("ffmpeg")
    String path();
}
