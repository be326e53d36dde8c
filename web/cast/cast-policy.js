// Pure rules of the cast UI: what the remote shows and offers for a session the node reports.
// No DOM here, so `node --test` can check them.

/** Seconds as the players show them: m:ss, or h:mm:ss from an hour on; '' when unknown. */
export function clock(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const STATE_TEXT = {
  CONNECTING: 'Connecting to the device…',
  LOADING: 'The device is loading it…',
  BUFFERING: 'Buffering on the device…',
  PLAYING: 'Playing',
  PAUSED: 'Paused',
  IDLE: 'Idle',
  ENDED: 'Ended',
  FAILED: 'Failed',
};

/**
 * What the remote offers for a session view from the node: the play/pause toggle's action, whether
 * seeking and volume make sense, and the sentence to show.
 */
export function remoteControls(view) {
  const state = view ? view.state : 'CONNECTING';
  const over = state === 'ENDED' || state === 'FAILED';
  const loaded = !over && state !== 'CONNECTING' && state !== 'LOADING';
  let text = STATE_TEXT[state] || state;
  if (over && view && view.error) text = `${text}: ${view.error}`;
  return {
    toggle: !loaded ? null : state === 'PLAYING' || state === 'BUFFERING' ? 'pause' : 'play',
    canSeek: loaded && !view.live && Number.isFinite(view.duration) && view.duration > 0,
    canVolume: loaded,
    canStop: !over,
    over,
    text,
  };
}

/** The request body that starts a cast of {kind, id} on a device. */
export function startBody(kind, id, deviceId) {
  if (!['broadcast', 'recording', 'audioEntry'].includes(kind)) throw new Error(`cannot cast a ${kind}`);
  return { device: deviceId, [kind]: id };
}

export function protocolLabel(protocol) {
  return protocol === 'chromecast' ? 'Chromecast' : protocol === 'dlna' ? 'DLNA' : String(protocol || '');
}

/** Devices in the picker: live broadcasts hide renderers that cannot play them. */
export function castableDevices(devices, kind) {
  return (devices || []).filter((d) => kind !== 'broadcast' || d.protocol !== 'dlna' || d.playsLive);
}

/** A problem+json answer (or anything else) as one sentence. */
export function problemText(status, body) {
  if (body && typeof body.detail === 'string' && body.detail) return body.detail;
  if (status === 401) return 'Sign in to cast.';
  if (status === 403) return 'You may not cast on this node.';
  return `The node answered ${status}.`;
}
