// Broadcast page: pick a camera and microphone, preview them, and go live over WHIP (RFC 9725)
// to this node. A short outage is bridged by reconnecting into the same broadcast. While live, the
// page also joins the broadcast's swarm to send its camera directly to the first few viewers.
import { Mesh } from './mesh-loader.js';
import { serveDirect } from './direct.js';
import { startChat } from './chat.js';

const root = document.getElementById('broadcast');
const channel = root.dataset.channel;
const preview = document.getElementById('preview');
const previewMessage = document.getElementById('preview-message');
const form = document.getElementById('broadcast-form');
const title = document.getElementById('title');
const cameraSelect = document.getElementById('camera');
const microphoneSelect = document.getElementById('microphone');
const goLiveButton = document.getElementById('go-live');
const stopButton = document.getElementById('stop');
const errorBox = document.getElementById('broadcast-error');
const infoBox = document.getElementById('broadcast-info');
const watchLine = document.getElementById('watch-link-line');
const watchLink = document.getElementById('watch-link');
const health = (name) => document.getElementById('health-' + name);

const RECONNECT_WINDOW_MS = 12000;

let stream = null;
let pc = null;
let sessionUrl = null;
let broadcastId = null;
let live = false;
let stopping = false;
let statsTimer = null;
let lastOutbound = null;
let reconnectTimer = null;
let swarm = null;
let directViewers = null;

function showError(text) {
  errorBox.textContent = text;
  errorBox.hidden = !text;
}

function showInfo(text) {
  infoBox.textContent = text;
  infoBox.hidden = !text;
}

function explainMediaError(e) {
  switch (e && e.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'The browser was not allowed to use the camera or microphone. Allow access in the address bar and reload.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found. Connect one, then reload this page.';
    case 'NotReadableError':
      return 'The camera is in use by another application.';
    default:
      return 'The camera could not be opened: ' + (e && e.message ? e.message : e);
  }
}

async function listDevices() {
  const devices = await navigator.mediaDevices.enumerateDevices();
  fill(cameraSelect, devices.filter((d) => d.kind === 'videoinput'), 'Camera');
  fill(microphoneSelect, devices.filter((d) => d.kind === 'audioinput'), 'Microphone');
}

function fill(select, devices, fallback) {
  const chosen = select.value;
  select.replaceChildren(...devices.map((d, i) => {
    const option = document.createElement('option');
    option.value = d.deviceId;
    option.textContent = d.label || `${fallback} ${i + 1}`;
    return option;
  }));
  if (devices.some((d) => d.deviceId === chosen)) select.value = chosen;
}

async function openCamera() {
  const video = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };
  if (cameraSelect.value) video.deviceId = { exact: cameraSelect.value };
  const audio = microphoneSelect.value ? { deviceId: { exact: microphoneSelect.value } } : true;
  let next;
  try {
    next = await navigator.mediaDevices.getUserMedia({ video, audio });
  } catch (e) {
    if (e.name === 'NotFoundError' && audio !== false) {
      // a camera without a microphone still makes a broadcast
      next = await navigator.mediaDevices.getUserMedia({ video, audio: false });
      showInfo('No microphone found: broadcasting without sound.');
    } else {
      throw e;
    }
  }
  if (stream) {
    if (pc) await replaceTracks(next);
    if (directViewers) directViewers.replace(next);
    stream.getTracks().forEach((t) => t.stop());
  }
  stream = next;
  preview.srcObject = stream;
  previewMessage.textContent = '';
}

async function replaceTracks(next) {
  for (const sender of pc.getSenders()) {
    const track = next.getTracks().find((t) => sender.track && t.kind === sender.track.kind);
    if (track) await sender.replaceTrack(track);
  }
}

function gatheringComplete(connection, timeoutMs) {
  if (connection.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      if (connection.iceGatheringState === 'complete') {
        connection.removeEventListener('icegatheringstatechange', done);
        resolve();
      }
    };
    connection.addEventListener('icegatheringstatechange', done);
    setTimeout(resolve, timeoutMs);
  });
}

/** One WHIP exchange: offer with every candidate, answer, session URL. */
async function connect() {
  const connection = new RTCPeerConnection();
  for (const track of stream.getTracks()) {
    connection.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
  }
  await connection.setLocalDescription(await connection.createOffer());
  await gatheringComplete(connection, 2000);
  const response = await fetch(`/api/whip/${encodeURIComponent(channel)}?title=${encodeURIComponent(title.value)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/sdp' },
    body: connection.localDescription.sdp,
    credentials: 'same-origin',
  });
  if (!response.ok) {
    connection.close();
    let detail = response.statusText;
    try {
      detail = (await response.json()).detail || detail;
    } catch (e) {
      // not a problem document
    }
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  sessionUrl = new URL(response.headers.get('Location'), location.href).href;
  broadcastId = response.headers.get('X-Defiance-Broadcast');
  await connection.setRemoteDescription({ type: 'answer', sdp: await response.text() });
  for (const sender of connection.getSenders()) {
    if (sender.track && sender.track.kind === 'video') {
      const parameters = sender.getParameters();
      parameters.degradationPreference = 'maintain-resolution';
      sender.setParameters(parameters).catch(() => { /* not supported everywhere */ });
    }
  }
  connection.addEventListener('connectionstatechange', () => onConnectionState(connection));
  return connection;
}

function onConnectionState(connection) {
  if (connection !== pc || stopping) return;
  health('state').textContent = connection.connectionState;
  if (connection.connectionState === 'connected') {
    showInfo('');
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
  } else if (connection.connectionState === 'disconnected' || connection.connectionState === 'failed') {
    if (!reconnectTimer) reconnect(Date.now());
  }
}

/** Retries the WHIP exchange until the node takes us back into the same broadcast, or gives up. */
async function reconnect(startedAt) {
  showInfo('Connection lost. Reconnecting…');
  reconnectTimer = setTimeout(async () => {
    if (stopping || (pc && pc.connectionState === 'connected')) {
      reconnectTimer = null;
      return;
    }
    try {
      const old = pc;
      pc = await connect();
      old.close();
      reconnectTimer = null;
      showInfo('Reconnected.');
    } catch (e) {
      if (Date.now() - startedAt < RECONNECT_WINDOW_MS && (e.status === 409 || !e.status)) {
        reconnect(startedAt);
      } else {
        reconnectTimer = null;
        finish();
        showError('The connection to the node was lost and could not be restored: ' + e.message);
      }
    }
  }, 1500);
}

async function goLive(event) {
  event.preventDefault();
  showError('');
  goLiveButton.disabled = true;
  stopping = false;
  try {
    if (!stream) await openCamera();
    health('state').textContent = 'connecting';
    pc = await connect();
    live = true;
    goLiveButton.hidden = true;
    stopButton.hidden = false;
    title.disabled = true;
    watchLink.href = `/watch/${broadcastId}`;
    watchLink.textContent = `${location.origin}/watch/${broadcastId}`;
    watchLine.hidden = false;
    statsTimer = setInterval(updateHealth, 1000);
    serveViewersDirectly();
    openChat();
  } catch (e) {
    health('state').textContent = 'offline';
    showError(e.status ? `The node refused to go live (${e.status}): ${e.message}` : explainMediaError(e));
  } finally {
    goLiveButton.disabled = false;
  }
}

/** The broadcast's chat beside the preview, where the broadcaster moderates. */
function openChat() {
  const holder = document.getElementById('broadcast-chat');
  if (holder.dataset.broadcast === broadcastId) return;
  holder.dataset.broadcast = broadcastId;
  const chat = document.getElementById('chat-template').content.firstElementChild.cloneNode(true);
  chat.dataset.broadcast = broadcastId;
  holder.replaceChildren(chat);
  startChat(chat);
}

/** Joins the swarm as its broadcaster, so the node can hand the first viewers a direct stream. */
async function serveViewersDirectly() {
  if (!window.RTCPeerConnection || swarm || !live) return;
  const joining = new Mesh(broadcastId, { role: 'broadcaster' });
  swarm = joining;
  try {
    await joining.connect();
    directViewers = serveDirect(joining, () => stream);
    health('direct').dataset.swarm = 'joined';
    joining.addEventListener('closed', () => joinAgainLater(joining), { once: true });
  } catch (e) {
    joinAgainLater(joining); // direct mode is a bonus: HLS viewers are unaffected meanwhile
  }
}

/** Lost or refused signaling while still live (a node restart, a network blip): try again shortly. */
function joinAgainLater(lost) {
  if (swarm !== lost) return;
  if (directViewers) directViewers.close();
  directViewers = null;
  lost.close();
  swarm = null;
  delete health('direct').dataset.swarm;
  if (live) setTimeout(serveViewersDirectly, 3000);
}

function finish() {
  live = false;
  if (directViewers) directViewers.close();
  if (swarm) swarm.close();
  delete health('direct').dataset.swarm;
  directViewers = null;
  swarm = null;
  clearInterval(statsTimer);
  if (pc) pc.close();
  pc = null;
  goLiveButton.hidden = false;
  stopButton.hidden = true;
  title.disabled = false;
  health('state').textContent = 'offline';
}

async function stop() {
  stopping = true;
  stopButton.disabled = true;
  const url = sessionUrl;
  finish();
  try {
    if (url) await fetch(url, { method: 'DELETE', credentials: 'same-origin' });
    showInfo('The broadcast has ended. Its recording is on your channel page.');
  } catch (e) {
    showError('The node could not be told to stop; it ends the broadcast by itself shortly.');
  } finally {
    stopButton.disabled = false;
    sessionUrl = null;
  }
}

async function updateHealth() {
  if (!pc) return;
  const stats = await pc.getStats();
  stats.forEach((report) => {
    if (report.type === 'outbound-rtp' && report.kind === 'video') {
      if (lastOutbound) {
        const seconds = (report.timestamp - lastOutbound.timestamp) / 1000;
        const kbps = seconds > 0 ? ((report.bytesSent - lastOutbound.bytesSent) * 8) / 1000 / seconds : 0;
        health('bitrate').textContent = Math.round(kbps);
      }
      lastOutbound = report;
      health('fps').textContent = report.framesPerSecond ?? '–';
      if (report.frameWidth) health('resolution').textContent = `${report.frameWidth}×${report.frameHeight}`;
    }
  });
  if (!broadcastId) return;
  try {
    const response = await fetch(`/api/broadcasts/${broadcastId}`);
    if (!response.ok) return;
    const status = await response.json();
    if (status.ingest) {
      health('frames').textContent = status.ingest.framesReceived;
      health('dropped').textContent = status.ingest.framesDropped;
    }
    if (status.transcoder) health('speed').textContent = status.transcoder.speed.toFixed(2);
    health('viewers').textContent = status.viewers;
    health('direct').textContent = directViewers ? directViewers.viewers.size : 0;
    if (status.state === 'FAILED') {
      finish();
      showError('The node stopped the broadcast: ' + (status.failureReason || 'unknown reason') + '.');
    }
  } catch (e) {
    // the next second tries again
  }
}

form.addEventListener('submit', goLive);
stopButton.addEventListener('click', stop);
cameraSelect.addEventListener('change', () => openCamera().catch((e) => showError(explainMediaError(e))));
microphoneSelect.addEventListener('change', () => openCamera().catch((e) => showError(explainMediaError(e))));
window.addEventListener('pagehide', () => {
  if (live && sessionUrl) fetch(sessionUrl, { method: 'DELETE', keepalive: true, credentials: 'same-origin' });
});

(async () => {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    showError('This browser cannot capture a camera here (a secure https:// page is needed).');
    goLiveButton.disabled = true;
    return;
  }
  previewMessage.textContent = 'Opening the camera…';
  try {
    await openCamera();
    await listDevices();
  } catch (e) {
    previewMessage.textContent = '';
    showError(explainMediaError(e));
  }
  navigator.mediaDevices.addEventListener('devicechange', () => listDevices());
})();
