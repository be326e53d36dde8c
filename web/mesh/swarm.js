// The page's membership in its broadcast's swarm: the signaling socket to the node, the
// neighbours it names, the segment cache shared with them, and the figures reported back
// (running totals, and per neighbour the checked bytes received from it, which is what credits
// that neighbour for relaying).
import { Neighbour } from './neighbour.js';
import { SegmentHashes, sha256Hex } from './hashes.js';

const CACHE_SEGMENTS = 40;
const HEARTBEAT_MS = 10000;
const STATS_MS = 3000;

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
    this.hashes = new SegmentHashes(swarmId);
    this.bytesFromPeers = 0;
    this.bytesFromServer = 0;
    this.bytesToPeers = 0;
    this.receivedFrom = new Map(); // peerId → checked bytes received from it
    this.credit = null; // { bytes, receivers } the node confirmed for this viewer's uploads
    this.badPeers = [];
    // why each segment came from where it came from: the page's own diagnostics
    this.reasons = { peer: 0, cache: 0, httpStartup: 0, httpNoPeer: 0, httpPeerFailed: 0, hashMissing: 0, peerError: 0 };
    this.requestId = 0;
    this.signalHandlers = new Set(); // extra handlers, e.g. direct mode
    this.closed = false;
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = this.role === 'broadcaster' ? '?role=broadcaster' : '';
    this.socket = new WebSocket(`${scheme}://${location.host}/api/mesh/${this.swarmId}${query}`);
    this.socket.addEventListener('message', (e) => {
      let message;
      try {
        message = JSON.parse(e.data);
      } catch (err) {
        return;
      }
      this.onSignal(message);
    });
    this.socket.addEventListener('close', () => this.dispatchEvent(new Event('closed')));
    this.heartbeat = setInterval(() => this.signal({ type: 'heartbeat' }), HEARTBEAT_MS);
    this.reporter = setInterval(() => this.reportStats(), STATS_MS);
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

  reportStats() {
    // the node names at most 32 peers per report: the ones we received most from
    const fromPeers = Object.fromEntries([...this.receivedFrom.entries()].sort((a, b) => b[1] - a[1]).slice(0, 32));
    this.signal({ type: 'stats', bytesFromPeers: this.bytesFromPeers, bytesFromServer: this.bytesFromServer, fromPeers });
  }

  onSignal(message) {
    switch (message.type) {
      case 'welcome':
        this.peerId = message.peerId;
        this.iceServers = message.iceServers || [];
        this.mode = message.mode;
        this.directSource = message.directSource || null;
        for (const id of message.neighbours || []) this.neighbour(id, true);
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
      case 'credit':
        this.credit = { bytes: message.bytes, receivers: message.receivers };
        this.dispatchEvent(new CustomEvent('credit', { detail: this.credit }));
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
    if (this.role !== 'viewer' || typeof peerId !== 'string') return null;
    let n = this.neighbours.get(peerId);
    if (!n) {
      n = new Neighbour(this, peerId);
      this.neighbours.set(peerId, n);
      if (initiate) n.start();
    }
    return n;
  }

  /** Drops a neighbour; a bad segment is reported to the node (with the segment), anything else is a bye. */
  dropNeighbour(n, reason, segment) {
    if (this.neighbours.get(n.peerId) === n) this.neighbours.delete(n.peerId);
    n.close();
    if (reason === 'bad-segment') this.signal({ type: 'report', peerId: n.peerId, segment });
    else this.signal({ type: 'bye', peerId: n.peerId });
  }

  nextRequestId() {
    this.requestId = this.requestId >= 0xffffffff ? 1 : this.requestId + 1;
    return this.requestId;
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

  /** Fetches a segment from one peer; resolves with verified bytes, or null (miss, late, bad). */
  async fromPeer(neighbour, key, deadlineMs) {
    const data = await neighbour.request(key, deadlineMs);
    if (!data) return null;
    const expected = await this.hashes.expected(key);
    if (!expected) {
      this.reasons.hashMissing++;
      return null; // cannot be checked: not worth the risk
    }
    if ((await sha256Hex(data)) !== expected) {
      this.badPeers.push(neighbour.peerId);
      this.dispatchEvent(new CustomEvent('bad-peer', { detail: neighbour.peerId }));
      this.dropNeighbour(neighbour, 'bad-segment', key);
      return null;
    }
    this.bytesFromPeers += data.byteLength;
    this.receivedFrom.set(neighbour.peerId, (this.receivedFrom.get(neighbour.peerId) || 0) + data.byteLength);
    return data;
  }

  share() {
    const total = this.bytesFromPeers + this.bytesFromServer;
    return total === 0 ? 0 : Math.round((100 * this.bytesFromPeers) / total);
  }
}
