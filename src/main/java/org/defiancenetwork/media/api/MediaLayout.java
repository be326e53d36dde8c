package org.defiancenetwork.media.api;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.NodeConfig;

/**
 * Where a broadcast's files live under the data dir, and their names as URLs under /media/{id}/.
 * One place, so the transcoder, the recorder and the file server agree.
 */
@ApplicationScoped
public class MediaLayout {

    public static final String MASTER_PLAYLIST = "master.m3u8";
    public static final String RECORDING_PLAYLIST = "recording.m3u8";
    public static final String POSTER = "poster.jpg";
    public static final String RENDITION_PLAYLIST = "index.m3u8";

    private final NodeConfig node;

    MediaLayout(NodeConfig node) {
        this.node = node;
    }

    public Path root() {
        return node.dataPath().resolve("media");
    }

    public Path broadcastDir(String broadcastId) {
        return root().resolve(broadcastId);
    }

    public static String renditionPlaylist(String rendition) {
        return rendition + "/" + RENDITION_PLAYLIST;
    }

    public static String url(String broadcastId, String file) {
        return "/media/" + broadcastId + "/" + file;
    }
}
