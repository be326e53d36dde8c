// Watch page: plays a broadcast (live or its recording). Live viewers join the broadcast's swarm:
// the first few get the camera directly from the broadcaster over WebRTC, the others play HLS with
// hls.js and share segments with their neighbours. State comes from /api/broadcasts/{id}.
import { Mesh, meshFragmentLoader } from './mesh-loader.js';
import { receiveDirect } from './direct.js';
import { startChat } from './chat.js';

const root = document.getElementById('watch');
const video = document.getElementById('player');
const message = document.getElementById('player-message');
const liveBadge = document.getElementById('live-badge');
const endedBadge = document.getElementById('ended-badge');
const viewerCount = document.getElementById('viewer-count');
const stateText = document.getElementById('state-text');
const unmute = document.getElementById('unmute');
const deliveryMode = document.getElementById('delivery-mode');
const peerShare = document.getElementById('p2p-share');
const switchMode = document.getElementById('switch-mode');

const params = new URLSearchParams(location.search);
const broadcastId = root.dataset.broadcast;
const viewerId = sessionStorage.getItem('defiance-viewer') || randomId();
sessionStorage.setItem('defiance-viewer', viewerId);

let state = root.dataset.state;
let playing = null; // what is being played: a playlist URL or 'direct'
let hls = null;
let direct = null;
let mesh = null;
let meshReady = null;

const page = { get hls() { return hls; }, get mesh() { return mesh; }, get mode() { return playing === 'direct' ? 'direct' : 'hls'; } };
window.defianceWatch = page;

function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function say(text) {
  message.textContent = text || '';
}

/** Joins the swarm once; without WebRTC or signaling the page still plays over plain HTTP. */
function joinMesh() {
  if (meshReady) return meshReady;
  if (!window.RTCPeerConnection || params.get('mesh') === 'off') {
    meshReady = Promise.resolve(null);
    return meshReady;
  }
  mesh = new Mesh(broadcastId, { corruptUploads: params.get('corrupt') === '1' });
  mesh.addEventListener('mode', () => { if (state === 'LIVE') choosePlayback(); });
  mesh.addEventListener('credit', (e) => showCredit(e.detail));
  meshReady = mesh.connect().catch(() => {
    mesh = null;
    return null;
  });
  return meshReady;
}

function stopPlayback() {
  if (hls) {
    hls.destroy();
    hls = null;
  }
  if (direct) {
    direct.stop();
    direct = null;
  }
  playing = null;
}

function playDirect() {
  if (playing === 'direct') return;
  stopPlayback();
  playing = 'direct';
  direct = receiveDirect(mesh, video);
  say('Connecting directly to the broadcaster…');
  showMode();
}

function playHls(url, live) {
  if (playing === url) return;
  stopPlayback();
  playing = url;
  if (window.Hls && window.Hls.isSupported()) {
    const config = { liveSyncDurationCount: 3, backBufferLength: 30 };
    if (mesh) config.fLoader = meshFragmentLoader(window.Hls, mesh, video);
    hls = new window.Hls(config);
    hls.on(window.Hls.Events.ERROR, (event, data) => {
      if (!data.fatal) return;
      if (data.type === window.Hls.ErrorTypes.NETWORK_ERROR) {
        say('Connection trouble, retrying…');
        // A playlist that failed to load is not retried by startLoad(): begin again from scratch.
        playing = null;
        setTimeout(() => { if (playing === null) playHls(url, live); }, 2000);
      } else if (data.type === window.Hls.ErrorTypes.MEDIA_ERROR) {
        hls.recoverMediaError();
      } else {
        say('This stream cannot be played here.');
      }
    });
    hls.on(window.Hls.Events.FRAG_BUFFERED, () => say(''));
    hls.loadSource(url);
    hls.attachMedia(video);
  } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = url;
  } else {
    say('Your browser cannot play HLS video.');
    return;
  }
  say(live ? 'Connecting to the live stream…' : 'Loading the recording…');
  video.play().catch(() => { /* autoplay refused: the controls are there */ });
  showMode();
}

/** Direct when the node granted it, otherwise HLS through the mesh. */
async function choosePlayback(status) {
  await joinMesh();
  const url = status ? status.playlistUrl : root.dataset.playlist || (page.lastStatus && page.lastStatus.playlistUrl);
  if (mesh && mesh.mode === 'direct' && mesh.directSource) playDirect();
  else if (url) playHls(url, true);
}

function showMode() {
  const isDirect = playing === 'direct';
  deliveryMode.textContent = isDirect ? 'Direct (sub-second)' : 'HLS';
  deliveryMode.dataset.mode = isDirect ? 'direct' : 'hls';
  switchMode.hidden = !mesh || state !== 'LIVE';
  switchMode.textContent = isDirect ? 'Switch to HLS' : 'Try direct';
}

function show(status) {
  page.lastStatus = status;
  state = status.state;
  viewerCount.textContent = status.viewers;
  liveBadge.hidden = state !== 'LIVE';
  endedBadge.hidden = !(state === 'ENDED' || state === 'FAILED');
  if (state === 'LIVE' && status.playlistUrl) {
    stateText.textContent = '';
    if (!playing) choosePlayback(status);
  } else if (state === 'STARTING') {
    say('The broadcast is starting…');
    stateText.textContent = 'Waiting for the first pictures.';
  } else if (status.recordingUrl) {
    stateText.textContent = state === 'FAILED'
      ? 'This broadcast ended early. Here is what was recorded.'
      : 'This broadcast has ended. You are watching the recording.';
    joinMesh().then(() => playHls(status.recordingUrl, false));
  } else if (state === 'ENDED' || state === 'FAILED') {
    stopPlayback();
    say('This broadcast has ended.');
    stateText.textContent = state === 'FAILED' && status.failureReason ? 'It stopped: ' + status.failureReason + '.' : '';
  }
  showMode();
}

async function refresh() {
  try {
    const response = await fetch(`/api/broadcasts/${broadcastId}`, { headers: { Accept: 'application/json' } });
    if (response.ok) show(await response.json());
  } catch (e) {
    // offline for a moment: the next refresh tries again
  }
}

async function heartbeat() {
  if (state !== 'LIVE' && state !== 'STARTING') return;
  try {
    const response = await fetch(`/api/broadcasts/${broadcastId}/viewers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ viewer: viewerId }),
    });
    if (response.ok) viewerCount.textContent = (await response.json()).viewers;
  } catch (e) {
    // counted again on the next beat
  }
}

/** A signed-in viewer's relay credit (the watch.panels slot renders it; the node sends updates). */
function showCredit({ bytes, receivers }) {
  const mb = document.getElementById('relay-credit-mb');
  const viewers = document.getElementById('relay-credit-viewers');
  if (!mb || !viewers) return;
  mb.textContent = `${(bytes / 1e6).toFixed(1)} MB`;
  viewers.textContent = String(receivers);
}

function showShare() {
  if (!mesh) {
    peerShare.textContent = '0';
    return;
  }
  peerShare.textContent = String(mesh.share());
}

video.addEventListener('playing', () => {
  say('');
  unmute.hidden = !video.muted;
});
video.addEventListener('volumechange', () => { unmute.hidden = !video.muted; });
unmute.addEventListener('click', () => { video.muted = false; video.play(); });
switchMode.addEventListener('click', () => {
  if (mesh) mesh.signal({ type: 'mode', want: playing === 'direct' ? 'hls' : 'direct' });
});

/** Live news of this broadcast (state, viewers), pushed by the node; polling stays as a fallback. */
function followEvents() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const events = new WebSocket(`${scheme}://${location.host}/api/events?broadcast=${broadcastId}`);
  events.addEventListener('message', (e) => {
    const m = JSON.parse(e.data);
    if (m.type === 'viewers') viewerCount.textContent = m.viewers;
    else if (m.type === 'broadcast') refresh();
  });
  events.addEventListener('close', () => setTimeout(followEvents, 5000));
}

startChat(document.getElementById('chat'));
followEvents();
if (root.dataset.state === 'LIVE' && root.dataset.playlist) choosePlayback();
else if (root.dataset.recording) joinMesh().then(() => playHls(root.dataset.recording, false));
heartbeat();
refresh();
setInterval(refresh, 10000);
setInterval(heartbeat, 10000);
setInterval(showShare, 2000);
