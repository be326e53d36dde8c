// The data channel protocol between neighbours, and its limits: nothing a neighbour sends is
// trusted. Control messages are JSON text; segment bytes follow a 'data' header as binary chunks,
// each starting with the request id (uint32). Pure, tested in web/test/mesh-wire.test.js.

export const CHUNK = 16 * 1024;
export const HEADER = 4;
/** Largest segment accepted from a peer: far above a 2 s segment of any rendition we make. */
export const MAX_SEGMENT_BYTES = 8 * 1024 * 1024;
export const MAX_CONTROL_CHARS = 16 * 1024;
export const MAX_KEYS_PER_HAVE = 64;
/** Requests a neighbour may have queued with us at once. */
export const MAX_QUEUED_UPLOADS = 8;
/** "rendition/file" as under /media/{broadcast}/, as the node checks it too. */
const KEY = /^[A-Za-z0-9_-]{1,32}\/[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$/;
const MAX_ID = 0xffffffff;

export function validKey(key) {
  return typeof key === 'string' && KEY.test(key);
}

function validId(id) {
  return Number.isInteger(id) && id >= 1 && id <= MAX_ID;
}

/**
 * A control message from a neighbour, checked: { t: 'have', keys }, { t: 'fetching', key },
 * { t: 'req', id, key }, { t: 'data', id, key, size }, { t: 'miss', id }. Anything else, including
 * text too long or not JSON, is null: the neighbour is broken or hostile.
 */
export function parseControl(text) {
  if (typeof text !== 'string' || text.length > MAX_CONTROL_CHARS) return null;
  let m;
  try {
    m = JSON.parse(text);
  } catch (e) {
    return null;
  }
  if (!m || typeof m !== 'object') return null;
  switch (m.t) {
    case 'have':
      return Array.isArray(m.keys) && m.keys.length <= MAX_KEYS_PER_HAVE && m.keys.every(validKey) ? { t: 'have', keys: m.keys } : null;
    case 'fetching':
      return validKey(m.key) ? { t: 'fetching', key: m.key } : null;
    case 'req':
      return validId(m.id) && validKey(m.key) ? { t: 'req', id: m.id, key: m.key } : null;
    case 'data':
      return validId(m.id) && validKey(m.key) && Number.isInteger(m.size) && m.size > 0 && m.size <= MAX_SEGMENT_BYTES
        ? { t: 'data', id: m.id, key: m.key, size: m.size } : null;
    case 'miss':
      return validId(m.id) ? { t: 'miss', id: m.id } : null;
    default:
      return null;
  }
}

/** The request id a binary chunk belongs to, or null when it is too short or too long to be one. */
export function chunkId(buffer) {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength <= HEADER || buffer.byteLength > HEADER + CHUNK) return null;
  return new DataView(buffer).getUint32(0);
}

/** A chunk for a request: the id, then up to CHUNK bytes of the segment. */
export function chunk(id, piece) {
  const out = new Uint8Array(HEADER + piece.length);
  new DataView(out.buffer).setUint32(0, id);
  out.set(piece, HEADER);
  return out;
}

/**
 * One segment arriving in chunks, after its 'data' header announced the size (already checked
 * against MAX_SEGMENT_BYTES). add() answers 'more', 'done' or 'bad' (more bytes than announced).
 */
export class Reassembly {
  constructor(size) {
    this.size = size;
    this.received = 0;
    this.bytes = new Uint8Array(size);
  }

  add(buffer) {
    const payload = new Uint8Array(buffer, HEADER);
    if (this.received + payload.length > this.size) return 'bad';
    this.bytes.set(payload, this.received);
    this.received += payload.length;
    return this.received === this.size ? 'done' : 'more';
  }
}
