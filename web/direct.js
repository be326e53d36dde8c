// Direct mode: for the first few viewers the broadcaster's page sends its camera straight to them
// over WebRTC (sub-second), signaled through the same mesh socket; everyone else gets HLS.

/** Viewer side: asks the broadcaster for its media; resolves with the stream once tracks arrive. */
export function receiveDirect(mesh, video) {
  const source = mesh.directSource;
  const pc = new RTCPeerConnection({ iceServers: mesh.iceServers });
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  const handler = (message) => {
    if (message.from !== source) return false;
    if (message.type === 'answer') pc.setRemoteDescription({ type: 'answer', sdp: message.sdp });
    else if (message.type === 'candidate' && message.candidate) pc.addIceCandidate(message.candidate).catch(() => {});
    return true;
  };
  mesh.signalHandlers.add(handler);
  pc.addEventListener('icecandidate', (e) => {
    if (e.candidate) mesh.signal({ type: 'candidate', to: source, candidate: e.candidate.toJSON() });
  });
  const stream = new MediaStream();
  pc.addEventListener('track', (e) => {
    stream.addTrack(e.track);
    if (video.srcObject !== stream) video.srcObject = stream;
    video.play().catch(() => {});
  });
  (async () => {
    await pc.setLocalDescription(await pc.createOffer());
    mesh.signal({ type: 'offer', to: source, sdp: pc.localDescription.sdp });
  })();
  return {
    pc,
    stop() {
      mesh.signalHandlers.delete(handler);
      pc.close();
      if (video.srcObject === stream) video.srcObject = null;
    },
  };
}

/** Broadcaster side: answers each direct viewer's offer with the live camera and microphone. */
export function serveDirect(mesh, currentStream) {
  const viewers = new Map(); // peerId → RTCPeerConnection
  mesh.signalHandlers.add((message) => {
    let pc = viewers.get(message.from);
    if (message.type === 'offer') {
      if (pc) pc.close();
      pc = new RTCPeerConnection({ iceServers: mesh.iceServers });
      viewers.set(message.from, pc);
      const peer = message.from;
      pc.addEventListener('icecandidate', (e) => {
        if (e.candidate) mesh.signal({ type: 'candidate', to: peer, candidate: e.candidate.toJSON() });
      });
      pc.addEventListener('connectionstatechange', () => {
        if (['failed', 'closed'].includes(pc.connectionState)) viewers.delete(peer);
      });
      const stream = currentStream();
      (async () => {
        await pc.setRemoteDescription({ type: 'offer', sdp: message.sdp });
        for (const transceiver of pc.getTransceivers()) {
          const kind = transceiver.receiver.track.kind;
          const track = stream.getTracks().find((t) => t.kind === kind);
          if (track) {
            transceiver.direction = 'sendonly';
            await transceiver.sender.replaceTrack(track);
          }
        }
        await pc.setLocalDescription(await pc.createAnswer());
        mesh.signal({ type: 'answer', to: peer, sdp: pc.localDescription.sdp });
      })();
      return true;
    }
    if (message.type === 'candidate' && pc && message.candidate) {
      pc.addIceCandidate(message.candidate).catch(() => {});
      return true;
    }
    return false;
  });
  return {
    viewers,
    /** Camera or microphone changed: every direct viewer gets the new track. */
    replace(stream) {
      viewers.forEach((pc) => pc.getSenders().forEach((s) => {
        const t = stream.getTracks().find((track) => s.track && track.kind === s.track.kind);
        if (t) s.replaceTrack(t);
      }));
    },
    close() {
      viewers.forEach((pc) => pc.close());
      viewers.clear();
    },
  };
}
