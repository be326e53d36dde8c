// One neighbour: a peer connection with one ordered, reliable data channel for segments. Every
// message from it is checked (wire.js); a neighbour that breaks the protocol is dropped.
import { CHUNK, MAX_QUEUED_UPLOADS, Reassembly, chunk, chunkId, parseControl } from './wire.js';

const CACHE_SEGMENTS = 40;
const FETCHING_MS = 10000;
const MAX_FETCHING = 64;

export class Neighbour {
  constructor(mesh, peerId) {
    this.mesh = mesh;
    this.peerId = peerId;
    this.has = new Set();
    this.fetching = new Set(); // keys this neighbour is downloading from the node right now
    this.open = false;
    this.pending = new Map(); // request id → { key, reassembly, resolve, timer }
    this.uploads = Promise.resolve();
    this.queuedUploads = 0;
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
    try {
      this.attach(this.pc.createDataChannel('segments', { ordered: true }));
      await this.pc.setLocalDescription(await this.pc.createOffer());
      this.mesh.signal({ type: 'offer', to: this.peerId, sdp: this.pc.localDescription.sdp });
    } catch (e) {
      this.mesh.dropNeighbour(this, 'signaling');
    }
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
      this.send({ t: 'have', keys: [...this.mesh.cache.keys()].slice(-CACHE_SEGMENTS) });
    });
    channel.addEventListener('close', () => { this.open = false; this.failAll(); });
    channel.addEventListener('message', (e) => {
      if (typeof e.data === 'string') this.onControl(e.data);
      else this.onChunk(e.data);
    });
  }

  send(message) {
    if (this.open) this.channel.send(JSON.stringify(message));
  }

  /** The neighbour broke the protocol: it is dropped, and told the node as a failed link. */
  violated() {
    this.mesh.dropNeighbour(this, 'protocol');
  }

  onControl(text) {
    const m = parseControl(text);
    if (!m) {
      this.violated();
      return;
    }
    if (m.t === 'fetching') {
      if (this.fetching.size >= MAX_FETCHING) return;
      this.fetching.add(m.key);
      setTimeout(() => this.fetching.delete(m.key), FETCHING_MS);
      this.mesh.dispatchEvent(new CustomEvent('fetching', { detail: m.key }));
    } else if (m.t === 'have') {
      for (const key of m.keys) {
        this.has.add(key);
        this.fetching.delete(key);
        this.mesh.dispatchEvent(new CustomEvent('have', { detail: key }));
      }
      if (this.has.size > 4 * CACHE_SEGMENTS) this.has = new Set([...this.has].slice(-2 * CACHE_SEGMENTS));
    } else if (m.t === 'req') {
      if (this.queuedUploads >= MAX_QUEUED_UPLOADS) {
        this.send({ t: 'miss', id: m.id });
        return;
      }
      this.queuedUploads++;
      this.uploads = this.uploads.then(() => this.serve(m.id, m.key)).catch(() => {}).finally(() => { this.queuedUploads--; });
    } else if (m.t === 'data') {
      const p = this.pending.get(m.id);
      if (!p || p.key !== m.key || p.reassembly) {
        if (p) this.finish(m.id, null);
        return;
      }
      p.reassembly = new Reassembly(m.size);
    } else if (m.t === 'miss') {
      this.finish(m.id, null);
    }
  }

  onChunk(data) {
    const id = chunkId(data);
    if (id === null) {
      this.violated();
      return;
    }
    const p = this.pending.get(id);
    if (!p || !p.reassembly) return; // late chunks of a request we gave up on
    const state = p.reassembly.add(data);
    if (state === 'bad') this.finish(id, null);
    else if (state === 'done') this.finish(id, p.reassembly.bytes.buffer);
  }

  /** Asks for a segment; resolves null on a miss, a closed channel, bad data or the deadline. */
  request(key, deadlineMs) {
    const id = this.mesh.nextRequestId();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finish(id, null), deadlineMs);
      this.pending.set(id, { key, reassembly: null, resolve, timer });
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
      this.channel.send(chunk(id, bytes.subarray(at, Math.min(bytes.length, at + CHUNK))));
    }
    this.mesh.bytesToPeers += bytes.length;
  }

  close() {
    this.open = false;
    this.failAll();
    try { this.pc.close(); } catch (e) { /* already closed */ }
  }
}
