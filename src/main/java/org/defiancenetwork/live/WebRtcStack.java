package org.defiancenetwork.live;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * The node's one WebRTC stack. Created on first use, so a node that never takes a broadcast never
 * loads the native library; the headless audio module plays received audio into our sinks
 * without a sound server.
 */
@ApplicationScoped
public class WebRtcStack {

    private static final Logger LOG = Logger.getLogger(WebRtcStack.class);

    private HeadlessAudioDeviceModule audioModule;
    private PeerConnectionFactory factory;

    public synchronized PeerConnectionFactory factory() {
        if (factory == null) {
            long start = System.nanoTime();
            audioModule = new HeadlessAudioDeviceModule();
            factory = new PeerConnectionFactory(audioModule);
            LOG.infof("WebRTC stack ready in %d ms", (System.nanoTime() - start) / 1_000_000);
        }
        return factory;
    }

    @PreDestroy
    synchronized void shutDown() {
        if (factory != null) {
            factory.dispose();
            factory = null;
        }
        if (audioModule != null) {
            audioModule.dispose();
            audioModule = null;
        }
    }
}
