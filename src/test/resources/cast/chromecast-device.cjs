// A Chromecast for tests: npm castv2's device side (TLS, framing, protobuf) answering like the
// Default Media Receiver (CC1AD845), advertised over mDNS like a real one. It reports everything
// it is told as JSON lines on stdout; commands on stdin make it misbehave.
//   node chromecast-device.cjs HOST PORT KEY CERT NAME ID
// stdin: "malformed" (send a frame that is not a CastMessage), "refuse-load" (answer the next LOAD
// with LOAD_FAILED), "pause-from-remote" (report PAUSED unasked), "drop" (cut the connections, keep
// the app), "exit" (vanish).
'use strict';
const fs = require('fs');
const http = require('http');
const readline = require('readline');
const { Server } = require('castv2');
const { Bonjour } = require('bonjour-service');

const [host, port, keyFile, certFile, name, id] = process.argv.slice(2);
const RECEIVER = 'urn:x-cast:com.google.cast.receiver';
const MEDIA = 'urn:x-cast:com.google.cast.media';
const HEARTBEAT = 'urn:x-cast:com.google.cast.tp.heartbeat';
const CONNECTION = 'urn:x-cast:com.google.cast.tp.connection';

const server = new Server({ key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) });
let app = null;           // { sessionId, transportId }
let media = null;         // { mediaSessionId, contentId, streamType, duration, playerState, currentTime }
let volume = { level: 1, muted: false };
let refuseNextLoad = false;
let lastClient = null;

function report(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}

function receiverStatus(requestId) {
  const applications = app ? [{ appId: 'CC1AD845', displayName: 'Default Media Receiver', sessionId: app.sessionId,
    transportId: app.transportId, statusText: 'Ready To Cast', namespaces: [{ name: MEDIA }] }] : [];
  return { type: 'RECEIVER_STATUS', requestId, status: { applications, volume } };
}

function mediaStatus(requestId) {
  const status = media ? [{ mediaSessionId: media.mediaSessionId, playbackRate: 1, playerState: media.playerState,
    currentTime: media.currentTime, idleReason: media.idleReason, volume,
    media: { contentId: media.contentId, streamType: media.streamType, duration: media.duration } }] : [];
  return { type: 'MEDIA_STATUS', requestId, status };
}

function send(client, source, destination, namespace, payload) {
  try {
    server.send(client, source, destination, namespace, JSON.stringify(payload));
  } catch (e) {
    report({ event: 'send-failed', error: String(e) });
  }
}

// What the receiver's player does first: fetch the URL, from its own origin, and look at CORS.
function fetchLikeTheReceiver(url) {
  const request = http.get(url, { headers: { Origin: 'https://www.gstatic.com' }, timeout: 10000 }, (response) => {
    let bytes = 0;
    response.on('data', (chunk) => { bytes += chunk.length; });
    response.on('end', () => report({ event: 'fetched', url, status: response.statusCode, bytes,
      cors: response.headers['access-control-allow-origin'] || null, contentType: response.headers['content-type'] || null }));
  });
  request.on('error', (e) => report({ event: 'fetched', url, status: 0, error: String(e) }));
}

server.on('message', (client, source, destination, namespace, data) => {
  lastClient = client;
  let message;
  try {
    message = JSON.parse(data);
  } catch (e) {
    report({ event: 'unreadable', namespace, data: String(data) });
    return;
  }
  report({ event: 'message', source, destination, namespace, message });
  const requestId = message.requestId || 0;
  if (namespace === HEARTBEAT && message.type === 'PING') {
    send(client, destination, source, HEARTBEAT, { type: 'PONG' });
  } else if (namespace === RECEIVER && message.type === 'GET_STATUS') {
    send(client, 'receiver-0', source, RECEIVER, receiverStatus(requestId));
  } else if (namespace === RECEIVER && message.type === 'LAUNCH') {
    if (message.appId !== 'CC1AD845') {
      send(client, 'receiver-0', source, RECEIVER, { type: 'LAUNCH_ERROR', requestId, reason: 'NOT_FOUND' });
      return;
    }
    app = { sessionId: 'session-' + Date.now(), transportId: 'web-7' };
    send(client, 'receiver-0', source, RECEIVER, receiverStatus(requestId));
  } else if (namespace === RECEIVER && message.type === 'SET_VOLUME') {
    if (typeof message.volume.level === 'number') volume = { ...volume, level: message.volume.level };
    if (typeof message.volume.muted === 'boolean') volume = { ...volume, muted: message.volume.muted };
    send(client, 'receiver-0', source, RECEIVER, receiverStatus(requestId));
  } else if (namespace === RECEIVER && message.type === 'STOP') {
    app = null;
    media = null;
    send(client, 'receiver-0', source, RECEIVER, receiverStatus(requestId));
  } else if (namespace === MEDIA && app && destination === app.transportId) {
    onMedia(client, source, message, requestId);
  }
});

function onMedia(client, source, message, requestId) {
  const from = app.transportId;
  switch (message.type) {
    case 'LOAD':
      if (refuseNextLoad) {
        refuseNextLoad = false;
        send(client, from, source, MEDIA, { type: 'LOAD_FAILED', requestId });
        return;
      }
      fetchLikeTheReceiver(message.media.contentId);
      media = { mediaSessionId: (media ? media.mediaSessionId : 0) + 1, contentId: message.media.contentId,
        streamType: message.media.streamType, duration: message.media.streamType === 'LIVE' ? null : 60,
        playerState: 'PLAYING', currentTime: message.currentTime || 0 };
      send(client, from, source, MEDIA, mediaStatus(requestId));
      return;
    case 'GET_STATUS':
      send(client, from, source, MEDIA, mediaStatus(requestId));
      return;
    case 'PLAY':
    case 'PAUSE':
    case 'SEEK':
    case 'STOP':
      if (!media || message.mediaSessionId !== media.mediaSessionId) {
        send(client, from, source, MEDIA, { type: 'INVALID_REQUEST', requestId, reason: 'INVALID_MEDIA_SESSION_ID' });
        return;
      }
      if (message.type === 'PLAY') media.playerState = 'PLAYING';
      if (message.type === 'PAUSE') media.playerState = 'PAUSED';
      if (message.type === 'SEEK') media.currentTime = message.currentTime;
      if (message.type === 'STOP') { media.playerState = 'IDLE'; media.idleReason = 'CANCELLED'; }
      send(client, from, source, MEDIA, mediaStatus(requestId));
      return;
    default:
      send(client, from, source, MEDIA, { type: 'INVALID_REQUEST', requestId, reason: 'INVALID_COMMAND' });
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  if (command === 'exit') {
    process.exit(0);
  } else if (command === 'refuse-load') {
    refuseNextLoad = true;
    report({ event: 'ack', command });
  } else if (command === 'malformed') {
    // A length prefix and bytes that are no CastMessage (field 1 with wire type 7).
    for (const clientId of Object.keys(server.clients)) {
      server.clients[clientId].socket.write(Buffer.from([0, 0, 0, 4, 0x0f, 0xff, 0xff, 0xff]));
    }
    report({ event: 'ack', command });
  } else if (command === 'drop') {
    // The network hiccups: connections go, the receiver app keeps running.
    for (const clientId of Object.keys(server.clients)) {
      server.clients[clientId].socket.destroy();
    }
    report({ event: 'ack', command });
  } else if (command === 'pause-from-remote' && media && lastClient && app) {
    media.playerState = 'PAUSED';
    media.currentTime = 21.5;
    send(lastClient, app.transportId, '*', MEDIA, mediaStatus(0));
    report({ event: 'ack', command });
  }
});

server.listen(Number(port), host, () => {
  const bonjour = new Bonjour({ interface: host, bind: '0.0.0.0' });
  bonjour.publish({ name: name + '-' + id, type: 'googlecast', port: Number(port), host: 'cast-' + id + '.local',
    txt: { id, fn: name, md: 'Chromecast Test Double', ve: '05', rs: '' } });
  report({ event: 'listening', host, port: Number(port) });
});
