// Viewers share segments: a swarm of RTCDataChannels between neighbours chosen by the node, and
// an hls.js fragment loader that asks neighbours first and falls back to HTTP when no peer has the
// segment or a peer is too slow for the player's buffer. Every segment from a peer is checked
// against the SHA-256 the node publishes (hashes.json beside each playlist) before hls.js sees it;
// a peer that sends a bad one is disconnected and reported.

const CHUNK = 16 * 1024;
const CACHE_SEGMENTS = 40;
const HEADER = 4; // every binary chunk starts with the request id (uint32)
const HEARTBEAT_MS = 10000;
const STATS_MS = 3000;
const STARTUP_PEER_MS = 700;

/** The part of a segment URL that names it in the swarm, e.g. "source/seg00042.ts". */
export function segmentKey(url, swarmId) {
  const path = new URL(url, location.href).pathname;
  const marker = `/media/${swarmId}/`;
  const at = path.indexOf(marker);
  return at < 0 ? null : path.substring(at + marker.length);
}

async function sha256Hex(buffer) {
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Mesh extends EventTarget {
  constructor(swarmId, { corruptUploads = false, role = 'viewer' } = {}) {
    super();
    this.swarmId = swarmId;
    this.role = role;
    this.corruptUploads = corruptUploads;
    this.peerId = null;
    this.iceServers = [];
    this.mode = 'hls';
    this.directSource = null;
    this.neighbours = new Map(); // peerId → Neighbour
    this.cache = new Map(); // key → ArrayBuffer, oldest first
    this.hashes = new Map(); // key → hex
    this.hashFetches = new Map(); // rendition dir → promise
    this.bytesFromPeers = 0;
    this.bytesFromServer = 0;
    this.bytesToPeers = 0;
    this.badPeers = [];
    // why each segment came from where it came from: the page's own diagnostics
    this.reasons = { peer: 0, cache: 0, httpStartup: 0, httpNoPeer: 0, httpPeerFailed: 0, hashMissing: 0 };
    this.nextRequest = 1;
    this.signalHandlers = new Set(); // extra handlers, e.g. direct mode
    this.closed = false;
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = this.role === 'broadcaster' ? '?role=broadcaster' : '';
    this.socket = new WebSocket(`${scheme}://${location.host}/api/mesh/${this.swarmId}${query}`);
    this.socket.addEventListener('message', (e) => this.onSignal(JSON.parse(e.data)));
    this.socket.addEventListener('close', () => this.dispatchEvent(new Event('closed')));
    this.heartbeat = setInterval(() => this.signal({ type: 'heartbeat' }), HEARTBEAT_MS);
    this.reporter = setInterval(() => this.signal({
      type: 'stats', bytesFromPeers: this.bytesFromPeers, bytesFromServer: this.bytesFromServer,
    }), STATS_MS);
    return new Promise((resolve, reject) => {
      this.addEventListener('welcome', () => resolve(this), { once: true });
      this.socket.addEventListener('close', () => reject(new Error('mesh signaling closed')), { once: true });
    });
  }

  close() {
    this.closed = true;
    clearInterval(this.heartbeat);
    clearInterval(this.reporter);
    this.neighbours.forEach((n) => n.close());
    this.neighbours.clear();
    if (this.socket) this.socket.close();
  }

  signal(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  onSignal(message) {
    switch (message.type) {
      case 'welcome':
        this.peerId = message.peerId;
        this.iceServers = message.iceServers || [];
        this.mode = message.mode;
        this.directSource = message.directSource || null;
        for (const id of message.neighbours) this.neighbour(id, true);
        this.dispatchEvent(new CustomEvent('welcome', { detail: message }));
        break;
      case 'peer-joined':
        this.neighbour(message.peerId, message.initiate);
        break;
      case 'peer-left': {
        const n = this.neighbours.get(message.peerId);
        if (n) n.close();
        this.neighbours.delete(message.peerId);
        break;
      }
      case 'mode':
        this.mode = message.mode;
        this.directSource = message.directSource || null;
        this.dispatchEvent(new CustomEvent('mode', { detail: message }));
        break;
      case 'error':
        this.dispatchEvent(new CustomEvent('signal-error', { detail: message }));
        break;
      default: {
        for (const handler of this.signalHandlers) if (handler(message)) return;
        const n = this.neighbours.get(message.from) || (message.type === 'offer' ? this.neighbour(message.from, false) : null);
        if (n) n.onSignal(message);
      }
    }
  }

  neighbour(peerId, initiate) {
    if (this.role !== 'viewer') return null;
    let n = this.neighbours.get(peerId);
    if (!n) {
      n = new Neighbour(this, peerId);
      this.neighbours.set(peerId, n);
      if (initiate) n.start();
    }
    return n;
  }

  dropNeighbour(n, reason) {
    if (this.neighbours.get(n.peerId) === n) this.neighbours.delete(n.peerId);
    n.close();
    this.signal({ type: reason === 'bad-segment' ? 'report' : 'bye', peerId: n.peerId, reason });
  }

  /** Remembers a segment, tells neighbours and the node, evicts the oldest beyond the cache size. */
  store(key, data) {
    if (this.cache.has(key)) return;
    this.cache.set(key, data);
    while (this.cache.size > CACHE_SEGMENTS) this.cache.delete(this.cache.keys().next().value);
    this.neighbours.forEach((n) => n.send({ t: 'have', keys: [key] }));
    this.signal({ type: 'have', segments: [key] });
  }

  peersWith(key) {
    return [...this.neighbours.values()].filter((n) => n.open && n.has.has(key));
  }

  /** True when a neighbour said it is downloading this segment from the node. */
  someoneFetching(key) {
    return [...this.neighbours.values()].some((n) => n.open && n.fetching.has(key));
  }

  /** Tells neighbours we are downloading a segment, so they wait for us instead of doing the same. */
  announceFetching(key) {
    this.neighbours.forEach((n) => n.send({ t: 'fetching', key }));
  }

  /** Waits until a neighbour announces the key (or, with orFetching, starts downloading it), or the time is up. */
  waitForHave(key, ms, orFetching = false) {
    if (this.peersWith(key).length || (orFetching && this.someoneFetching(key))) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok) => {
        clearTimeout(timer);
        this.removeEventListener('have', onNews);
        this.removeEventListener('fetching', onNews);
        resolve(ok);
      };
      const onNews = (e) => { if (e.detail === key && (e.type === 'have' || orFetching)) done(true); };
      const timer = setTimeout(() => done(false), Math.max(0, ms));
      this.addEventListener('have', onNews);
      this.addEventListener('fetching', onNews);
    });
  }

  async expectedHash(key) {
    if (this.hashes.has(key)) return this.hashes.get(key);
    const dir = key.substring(0, key.lastIndexOf('/') + 1);
    if (!this.hashFetches.has(dir)) {
      const fetching = fetch(`/media/${this.swarmId}/${dir}hashes.json`, { cache: 'no-store' })
        .then((r) => (r.ok ? r.json() : { segments: {} }))
        .then((json) => Object.entries(json.segments || {}).forEach(([name, hex]) => this.hashes.set(dir + name, hex)))
        .catch(() => {})
        .finally(() => setTimeout(() => this.hashFetches.delete(dir), 500));
      this.hashFetches.set(dir, fetching);
    }
    await this.hashFetches.get(dir);
    return this.hashes.get(key);
  }

  /** Fetches a segment from one peer; resolves with verified bytes, or null (miss, late, bad). */
  async fromPeer(neighbour, key, deadlineMs) {
    const data = await neighbour.request(key, deadlineMs);
    if (!data) return null;
    const expected = await this.expectedHash(key);
    if (!expected) {
      this.reasons.hashMissing++;
      return null; // cannot be checked: not worth the risk
    }
    if ((await sha256Hex(data)) !== expected) {
      this.badPeers.push(neighbour.peerId);
      this.dispatchEvent(new CustomEvent('bad-peer', { detail: neighbour.peerId }));
      this.dropNeighbour(neighbour, 'bad-segment');
      return null;
    }
    this.bytesFromPeers += data.byteLength;
    return data;
  }

  share() {
    const total = this.bytesFromPeers + this.bytesFromServer;
    return total === 0 ? 0 : Math.round((100 * this.bytesFromPeers) / total);
  }
}

/** One neighbour: a peer connection with one ordered, reliable data channel for segments. */
class Neighbour {
  constructor(mesh, peerId) {
    this.mesh = mesh;
    this.peerId = peerId;
    this.has = new Set();
    this.fetching = new Set(); // keys this neighbour is downloading from the node right now
    this.open = false;
    this.pending = new Map(); // request id → {key, chunks, size, received, resolve, timer}
    this.uploads = Promise.resolve();
    this.pc = new RTCPeerConnection({ iceServers: mesh.iceServers });
    this.pc.addEventListener('icecandidate', (e) => {
      if (e.candidate) mesh.signal({ type: 'candidate', to: peerId, candidate: e.candidate.toJSON() });
    });
    this.pc.addEventListener('connectionstatechange', () => {
      if (this.pc.connectionState === 'failed') mesh.dropNeighbour(this, 'failed');
    });
    this.pc.addEventListener('datachannel', (e) => this.attach(e.channel));
  }

  async start() {
    this.attach(this.pc.createDataChannel('segments', { ordered: true }));
    await this.pc.setLocalDescription(await this.pc.createOffer());
    this.mesh.signal({ type: 'offer', to: this.peerId, sdp: this.pc.localDescription.sdp });
  }

  async onSignal(message) {
    try {
      if (message.type === 'offer') {
        await this.pc.setRemoteDescription({ type: 'offer', sdp: message.sdp });
        await this.pc.setLocalDescription(await this.pc.createAnswer());
        this.mesh.signal({ type: 'answer', to: this.peerId, sdp: this.pc.localDescription.sdp });
      } else if (message.type === 'answer') {
        await this.pc.setRemoteDescription({ type: 'answer', sdp: message.sdp });
      } else if (message.type === 'candidate' && message.candidate) {
        await this.pc.addIceCandidate(message.candidate);
      }
    } catch (e) {
      this.mesh.dropNeighbour(this, 'signaling');
    }
  }

  attach(channel) {
    this.channel = channel;
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = 256 * 1024;
    channel.addEventListener('open', () => {
      this.open = true;
      this.send({ t: 'have', keys: [...this.mesh.cache.keys()] });
    });
    channel.addEventListener('close', () => { this.open = false; this.failAll(); });
    channel.addEventListener('message', (e) => (typeof e.data === 'string' ? this.onControl(JSON.parse(e.data)) : this.onChunk(e.data)));
  }

  send(message) {
    if (this.open) this.channel.send(JSON.stringify(message));
  }

  onControl(m) {
    if (m.t === 'fetching') {
      this.fetching.add(m.key);
      setTimeout(() => this.fetching.delete(m.key), 10000);
      this.mesh.dispatchEvent(new CustomEvent('fetching', { detail: m.key }));
    } else if (m.t === 'have') {
      for (const key of m.keys) {
        this.has.add(key);
        this.fetching.delete(key);
        this.mesh.dispatchEvent(new CustomEvent('have', { detail: key }));
      }
      if (this.has.size > 4 * CACHE_SEGMENTS) this.has = new Set([...this.has].slice(-2 * CACHE_SEGMENTS));
    } else if (m.t === 'req') {
      this.uploads = this.uploads.then(() => this.serve(m.id, m.key));
    } else if (m.t === 'data') {
      const p = this.pending.get(m.id);
      if (p) {
        p.size = m.size;
        p.buffer = new Uint8Array(m.size);
      }
    } else if (m.t === 'miss') {
      this.finish(m.id, null);
    }
  }

  onChunk(data) {
    const view = new DataView(data);
    const id = view.getUint32(0);
    const p = this.pending.get(id);
    if (!p || !p.buffer) return;
    const payload = new Uint8Array(data, HEADER);
    if (p.received + payload.length > p.size) {
      this.finish(id, null);
      return;
    }
    p.buffer.set(payload, p.received);
    p.received += payload.length;
    if (p.received === p.size) this.finish(id, p.buffer.buffer);
  }

  /** Asks for a segment; resolves null on a miss, a closed channel or the deadline. */
  request(key, deadlineMs) {
    const id = this.mesh.nextRequest++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finish(id, null), deadlineMs);
      this.pending.set(id, { key, received: 0, resolve, timer });
      this.send({ t: 'req', id, key });
    });
  }

  finish(id, data) {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(data);
  }

  failAll() {
    [...this.pending.keys()].forEach((id) => this.finish(id, null));
  }

  async serve(id, key) {
    const cached = this.mesh.cache.get(key);
    if (!cached || !this.open) {
      this.send({ t: 'miss', id });
      return;
    }
    const bytes = new Uint8Array(cached.slice(0));
    if (this.mesh.corruptUploads) {
      // test switch (?corrupt=1): flip bytes in what we upload, to prove others detect it
      for (let i = 0; i < bytes.length; i += 997) bytes[i] ^= 0xff;
    }
    this.send({ t: 'data', id, key, size: bytes.length });
    for (let at = 0; at < bytes.length && this.open; at += CHUNK) {
      if (this.channel.bufferedAmount > 1024 * 1024) {
        await new Promise((r) => this.channel.addEventListener('bufferedamountlow', r, { once: true }));
      }
      const piece = bytes.subarray(at, Math.min(bytes.length, at + CHUNK));
      const chunk = new Uint8Array(HEADER + piece.length);
      new DataView(chunk.buffer).setUint32(0, id);
      chunk.set(piece, HEADER);
      this.channel.send(chunk);
    }
    this.mesh.bytesToPeers += bytes.length;
  }

  close() {
    this.open = false;
    this.failAll();
    try { this.pc.close(); } catch (e) { /* already closed */ }
  }
}

/**
 * An hls.js fragment loader (config.fLoader) backed by the mesh. The time a peer gets comes from
 * the player's buffer: with seconds buffered ahead there is time to ask a neighbour and still fall
 * back to HTTP; with an empty buffer HTTP goes first.
 */
export function meshFragmentLoader(Hls, mesh, video) {
  const Base = Hls.DefaultConfig.loader;
  return class MeshFragmentLoader {
    constructor(config) {
      this.http = new Base(config);
      this.stats = this.http.stats;
      this.aborted = false;
    }

    destroy() { this.http.destroy(); }

    abort() {
      this.aborted = true;
      this.http.abort();
    }

    load(context, config, callbacks) {
      this.context = context;
      const key = segmentKey(context.url, mesh.swarmId);
      if (!key) {
        this.viaHttp(context, config, callbacks, key);
        return;
      }
      if (mesh.cache.has(key)) {
        mesh.reasons.cache++;
        this.deliver(mesh.cache.get(key).slice(0), context, callbacks, false);
        return;
      }
      this.viaPeers(key).then((data) => {
        if (this.aborted) return;
        if (data) {
          mesh.reasons.peer++;
          mesh.store(key, data);
          this.deliver(data.slice(0), context, callbacks, true);
        } else {
          mesh.reasons[this.why || 'httpNoPeer']++;
          this.viaHttp(context, config, callbacks, key);
        }
      });
    }

    async viaPeers(key) {
      const ahead = bufferAhead(video);
      // Time we may spend on peers and still leave enough for an HTTP fetch before a stall.
      let budget = Math.max(0, Math.min(6000, ahead * 1000 - 1500));
      if (budget < 300) {
        // Starting or nearly stalled: only a neighbour that already holds it is worth a short try.
        this.why = 'httpStartup';
        if (!mesh.peersWith(key).length) return null;
        budget = STARTUP_PEER_MS;
      }
      const start = performance.now();
      if (!mesh.peersWith(key).length) {
        // Someone near us may start downloading it any moment: wait a little, randomly, so that
        // usually only one of us goes to the node...
        await mesh.waitForHave(key, Math.min(budget * 0.5, 2500) * (0.5 + Math.random() * 0.5), true);
        // ...and once a neighbour is downloading it, its announcement is worth most of the budget.
        if (!mesh.peersWith(key).length && mesh.someoneFetching(key)) {
          await mesh.waitForHave(key, budget * 0.8 - (performance.now() - start));
        }
      }
      for (const peer of shuffle(mesh.peersWith(key))) {
        const left = budget - (performance.now() - start);
        if (left < 200 || this.aborted) break;
        this.why = 'httpPeerFailed';
        this.transferStartedAt = performance.now();
        const data = await mesh.fromPeer(peer, key, left);
        if (data) return data;
      }
      return null;
    }

    viaHttp(context, config, callbacks, key) {
      if (key) mesh.announceFetching(key);
      this.http.load(context, config, {
        ...callbacks,
        onSuccess: (response, stats, ctx, details) => {
          mesh.bytesFromServer += response.data.byteLength;
          if (key) mesh.store(key, response.data.slice(0));
          callbacks.onSuccess(response, stats, ctx, details);
        },
      });
    }

    deliver(data, context, callbacks, fromPeer) {
      const now = performance.now();
      const s = this.stats;
      // Set only here: the HTTP loader refuses a used stats object. The time spent waiting for a
      // neighbour to have the segment is not transfer time: counted in, it reads as a slow link and
      // hls.js would switch down to a rendition nobody else in the swarm plays.
      s.loading.start = fromPeer ? this.transferStartedAt : now;
      s.loading.first = now;
      s.loading.end = now;
      s.loaded = data.byteLength;
      s.total = data.byteLength;
      s.fromPeer = fromPeer;
      callbacks.onSuccess({ url: context.url, data }, s, context, null);
    }
  };
}

function bufferAhead(video) {
  if (!video) return 0;
  const t = video.currentTime;
  for (let i = 0; i < video.buffered.length; i++) {
    if (video.buffered.start(i) <= t + 0.1 && video.buffered.end(i) > t) return video.buffered.end(i) - t;
  }
  return 0;
}

function shuffle(list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}
