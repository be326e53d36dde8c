// Pure rules of the audio player, kept apart from the DOM so they can be tested with node --test.

/** Playback speeds the player offers; anything else is brought into [MIN_RATE, MAX_RATE]. */
export const MIN_RATE = 0.5;
export const MAX_RATE = 3;

export function clampRate(value) {
  const rate = Number(value);
  if (!Number.isFinite(rate)) return 1;
  return Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
}

export function clampVolume(value) {
  const volume = Number(value);
  if (!Number.isFinite(volume)) return 1;
  return Math.min(1, Math.max(0, volume));
}

/** Seconds as m:ss or h:mm:ss, the way players show time. */
export function clock(seconds) {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Where to resume a listener who left off at `saved` seconds: not in the first or last few seconds. */
export function resumeAt(saved, duration) {
  const at = Number(saved);
  if (!Number.isFinite(at) || at < 5) return 0;
  if (Number.isFinite(duration) && duration > 0 && at > duration - 5) return 0;
  return at;
}

/** The key under which a listener's position in an entry is kept (localStorage). */
export function positionKey(entryId) {
  return `audigy:position:${entryId}`;
}

/** Whether a position is worth saving again: every few seconds of playback, not on every timeupdate. */
export function shouldSave(lastSaved, now) {
  return !Number.isFinite(lastSaved) || Math.abs(now - lastSaved) >= 2;
}

/** Milliseconds before asking again whether the node has finished fetching: 0.5 s growing to 3 s. */
export function pollDelay(attempt) {
  return Math.min(3000, 500 * 2 ** Math.max(0, attempt));
}

/** What the status line says for a playback answer of the node. */
export function describe(playback) {
  switch (playback.state) {
    case 'ready': return playback.verified ? 'Verified copy (size and checksum match)' : 'Copy kept without a checksum to verify';
    case 'direct': return 'Playing from the origin (not verified by this node)';
    case 'fetching': return 'Fetching and verifying…';
    case 'mismatch': return `Checksum mismatch: ${playback.detail}`;
    case 'closed': return playback.detail || 'Not available now';
    default: return `Unavailable: ${playback.detail || 'no source can be reached'}`;
  }
}
