// Segment hashes: every segment from a peer is checked against the SHA-256 the node publishes in
// hashes.json beside each playlist ({"algorithm":"SHA-256","segments":{name:hex}}, possibly with a
// "signature"). Live playlists are windowed, so the file is a sliding window too: a segment missing
// from the last copy is looked up again (at most every REFETCH_MS per rendition), never assumed.
import { sha256 } from '../vendor/noble-hashes/sha2.js';

const REFETCH_MS = 500;
const MAX_REMEMBERED = 400;
const HEX64 = /^[0-9a-f]{64}$/;

/**
 * THE hash-fetching function: reads one rendition's hashes.json and answers a Map of
 * "rendition/name" → hex. Media owns the file's format; keep this the one place that reads it.
 */
export async function fetchHashes(swarmId, dir) {
  const response = await fetch(`/media/${swarmId}/${dir}hashes.json`, { cache: 'no-cache' });
  const hashes = new Map();
  if (!response.ok) return hashes;
  const json = await response.json();
  if (!json || (json.algorithm && json.algorithm !== 'SHA-256') || typeof json.segments !== 'object' || !json.segments) return hashes;
  for (const [name, hex] of Object.entries(json.segments)) {
    if (typeof hex === 'string' && HEX64.test(hex.toLowerCase())) hashes.set(dir + name, hex.toLowerCase());
  }
  return hashes;
}

/** SHA-256 of bytes as hex: the browser's own where it has one, the vendored library elsewhere. */
export async function sha256Hex(buffer) {
  const bytes = globalThis.crypto && globalThis.crypto.subtle
    ? new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', buffer))
    : sha256(new Uint8Array(buffer));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The hashes a page knows, fetched per rendition as segments need them. */
export class SegmentHashes {
  constructor(swarmId, fetcher = fetchHashes) {
    this.swarmId = swarmId;
    this.fetcher = fetcher;
    this.known = new Map(); // key → hex, oldest first
    this.fetches = new Map(); // rendition dir → { promise, at }
  }

  /** The published hash of a segment, or undefined when the node has none for it now. */
  async expected(key) {
    if (this.known.has(key)) return this.known.get(key);
    const dir = key.substring(0, key.lastIndexOf('/') + 1);
    let current = this.fetches.get(dir);
    if (!current || (current.done && performance.now() - current.at > REFETCH_MS)) {
      const promise = this.fetcher(this.swarmId, dir)
        .then((hashes) => hashes.forEach((hex, k) => this.remember(k, hex)))
        .catch(() => { /* no hashes now: the segment is not taken from peers */ });
      current = { promise, at: performance.now(), done: false };
      promise.finally(() => { current.done = true; current.at = performance.now(); });
      this.fetches.set(dir, current);
    }
    await current.promise;
    return this.known.get(key);
  }

  remember(key, hex) {
    this.known.delete(key);
    this.known.set(key, hex);
    while (this.known.size > MAX_REMEMBERED) this.known.delete(this.known.keys().next().value);
  }
}
