// The Cast button: a device picker (with "add by address") and then a small remote that follows
// what the device itself reports. The node does the casting; this page never talks to the device.
//
// For other players (the audio player): import { mountCastButton } from '/static/cast/cast-button.js'
// and call mountCastButton(element, { kind: 'audioEntry', id: entryId, title, media: audioElement }).
// kind is 'broadcast' (live), 'recording' (a past broadcast's id) or 'audioEntry'. The element
// gets a Cast button; media (optional) is the page's own <video>/<audio>, offered to the browser's
// own remote playback (Chrome's Remote Playback API, Safari's AirPlay) as a separate choice.
// Pages rendered with the watch.actions slot need nothing: elements with data-cast-kind mount themselves.
import { clock, remoteControls, startBody, castableDevices, problemText, protocolLabel } from './cast-policy.js';

const ICONS = {
  chromecast: '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M1 18v3h3a3 3 0 0 0-3-3zm0-4v2a5 5 0 0 1 5 5h2a7 7 0 0 0-7-7zm0-4v2a9 9 0 0 1 9 9h2A11 11 0 0 0 1 10zm20-7H3a2 2 0 0 0-2 2v3h2V5h18v14h-7v2h7a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2z"/></svg>',
  dlna: '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M21 3H3a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h5v2h8v-2h5a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2zm0 14H3V5h18z"/></svg>',
};

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(problemText(response.status, json));
  return json;
}

function element(tag, attributes = {}, text = '') {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
}

/** Adds a Cast button to `container` for one thing to play; returns the dialog controller. */
export function mountCastButton(container, { kind, id, title, media } = {}) {
  let button = container.querySelector('.cast-open');
  if (!button) {
    button = element('button', { type: 'button', class: 'secondary small cast-open', 'aria-haspopup': 'dialog' }, 'Cast');
    container.append(button);
  }
  const dialog = element('dialog', { class: 'cast-dialog', id: 'cast-dialog', 'aria-label': 'Cast' });
  dialog.innerHTML = `
    <header class="cast-head"><h2>Cast “<span class="cast-title"></span>”</h2>
      <button type="button" class="link cast-close" aria-label="Close">✕</button></header>
    <section class="cast-picker">
      <p class="hint">The node plays it on a TV or speaker on its network; you control it from here.</p>
      <ul class="cast-devices" id="cast-devices"></ul>
      <p class="cast-empty hint" id="cast-empty" hidden>Looking for devices…</p>
      <p><button type="button" class="secondary small cast-search">Search again</button></p>
      <details class="cast-add"><summary>Add a device by address</summary>
        <form class="cast-add-form">
          <label>Address <input name="address" required placeholder="192.168.1.20 or http://…/description.xml"></label>
          <label>Protocol <select name="protocol"><option value="chromecast">Chromecast</option><option value="dlna">DLNA</option></select></label>
          <label>Port <input name="port" type="number" min="1" max="65535" placeholder="default"></label>
          <label>Name <input name="name" maxlength="100" placeholder="optional"></label>
          <button type="submit" class="small">Add</button>
        </form></details>
      <div class="cast-browser" hidden><p class="hint">Or let this browser cast by itself (not through the node):</p>
        <button type="button" class="secondary small cast-browser-prompt">Use this browser's own casting</button></div>
    </section>
    <section class="cast-remote" id="cast-remote" hidden>
      <p class="cast-device"><span class="cast-device-icon"></span> <strong class="cast-device-name"></strong></p>
      <p class="cast-state" id="cast-state" role="status"></p>
      <div class="cast-seek"><span class="cast-position">0:00</span>
        <input type="range" class="cast-seekbar" min="0" max="0" step="1" value="0" aria-label="Position">
        <span class="cast-duration"></span></div>
      <div class="cast-buttons">
        <button type="button" class="small cast-toggle" id="cast-toggle">Pause</button>
        <button type="button" class="secondary small cast-mute" id="cast-mute">Mute</button>
        <label class="cast-volume-label">Volume <input type="range" class="cast-volume" id="cast-volume" min="0" max="100" step="1" value="100"></label>
        <button type="button" class="secondary small cast-stop" id="cast-stop">Stop casting</button>
      </div>
      <p><button type="button" class="link cast-other">Cast to another device</button></p>
    </section>
    <p class="cast-message error" id="cast-message" role="alert"></p>`;
  document.body.append(dialog);
  const q = (selector) => dialog.querySelector(selector);
  q('.cast-title').textContent = title || '';
  const message = (text) => { q('.cast-message').textContent = text || ''; };

  let session = null;
  let events = null;
  let poll = null;
  let seeking = false;
  let shownDevices = null;

  async function listDevices() {
    try {
      const devices = castableDevices(await api('GET', '/api/cast/devices'), kind);
      q('.cast-empty').hidden = devices.length > 0;
      q('.cast-empty').textContent = 'No devices found yet. Searching…';
      // Redraw only when the list changed, so a button is never replaced under the pointer.
      const key = JSON.stringify(devices.map((d) => [d.id, d.name, d.model]));
      if (key === shownDevices) return;
      shownDevices = key;
      const list = q('.cast-devices');
      list.replaceChildren();
      for (const d of devices) {
        const item = element('li', { class: 'cast-device-item', 'data-device-id': d.id, 'data-protocol': d.protocol });
        const choose = element('button', { type: 'button', class: 'secondary small cast-choose' });
        choose.innerHTML = ICONS[d.protocol] || '';
        choose.append(element('span', { class: 'cast-device-label' }, ` ${d.name}`),
          element('span', { class: 'hint' }, ` · ${protocolLabel(d.protocol)} · ${d.model}`));
        choose.addEventListener('click', () => start(d));
        item.append(choose);
        list.append(item);
      }
    } catch (e) {
      message(e.message);
    }
  }

  async function start(device) {
    message('');
    try {
      const view = await api('POST', '/api/cast/sessions', startBody(kind, id, device.id));
      follow(view, device);
    } catch (e) {
      message(e.message);
    }
  }

  function follow(view, device) {
    session = view;
    q('.cast-picker').hidden = true;
    q('.cast-remote').hidden = false;
    q('.cast-device-icon').innerHTML = ICONS[device.protocol] || '';
    q('.cast-device-name').textContent = device.name;
    show(view);
    if (events) events.close();
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    events = new WebSocket(`${scheme}://${location.host}/api/events?topic=cast:${view.id}`);
    events.addEventListener('message', (e) => {
      const m = JSON.parse(e.data);
      if (m.type === 'cast-session' && session && m.session.id === session.id) show(m.session);
    });
    clearInterval(poll);
    // Positions move between reports; the node carries them forward, so a slow poll keeps the bar honest.
    poll = setInterval(refresh, 2000);
  }

  async function refresh() {
    if (!session) return;
    try {
      show(await api('GET', `/api/cast/sessions/${session.id}`));
    } catch (e) {
      clearInterval(poll);
    }
  }

  function show(view) {
    session = view;
    const c = remoteControls(view);
    q('.cast-state').textContent = c.text;
    q('.cast-state').dataset.state = view.state;
    const toggle = q('.cast-toggle');
    toggle.hidden = c.toggle === null;
    toggle.textContent = c.toggle === 'pause' ? 'Pause' : 'Play';
    toggle.dataset.action = c.toggle || '';
    const bar = q('.cast-seekbar');
    bar.disabled = !c.canSeek;
    bar.max = String(Math.ceil(view.duration || 0));
    if (!seeking) bar.value = String(Math.floor(view.position || 0));
    q('.cast-position').textContent = view.live ? 'LIVE' : clock(view.position || 0);
    q('.cast-duration').textContent = view.live ? '' : clock(view.duration);
    q('.cast-mute').textContent = view.muted ? 'Unmute' : 'Mute';
    q('.cast-mute').disabled = !c.canVolume;
    q('.cast-volume').disabled = !c.canVolume;
    if (Number.isFinite(view.volume)) q('.cast-volume').value = String(Math.round(view.volume * 100));
    q('.cast-stop').hidden = !c.canStop;
    if (c.over) {
      clearInterval(poll);
      if (events) events.close();
    }
  }

  async function control(body) {
    if (!session) return;
    message('');
    try {
      show(await api('PATCH', `/api/cast/sessions/${session.id}`, body));
    } catch (e) {
      message(e.message);
    }
  }

  q('.cast-toggle').addEventListener('click', (e) => control({ action: e.currentTarget.dataset.action }));
  q('.cast-mute').addEventListener('click', () => control({ muted: !(session && session.muted) }));
  q('.cast-volume').addEventListener('change', (e) => control({ volume: Number(e.target.value) / 100 }));
  const bar = q('.cast-seekbar');
  bar.addEventListener('input', () => { seeking = true; q('.cast-position').textContent = clock(Number(bar.value)); });
  bar.addEventListener('change', () => { seeking = false; control({ action: 'seek', position: Number(bar.value) }); });
  q('.cast-stop').addEventListener('click', () => control({ action: 'stop' }));
  q('.cast-other').addEventListener('click', () => {
    q('.cast-remote').hidden = true;
    q('.cast-picker').hidden = false;
    listDevices();
  });
  q('.cast-search').addEventListener('click', listDevices);
  q('.cast-close').addEventListener('click', () => dialog.close());
  q('.cast-add-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    const body = { address: form.get('address'), protocol: form.get('protocol') };
    if (form.get('port')) body.port = Number(form.get('port'));
    if (form.get('name')) body.name = form.get('name');
    message('Asking the device…');
    try {
      await api('POST', '/api/cast/devices', body);
      message('');
      e.target.reset();
      listDevices();
    } catch (err) {
      message(err.message);
    }
  });

  // The browser's own remote playback, offered beside the node's devices and labelled as the browser's.
  if (media && media.remote && typeof media.remote.prompt === 'function') {
    q('.cast-browser').hidden = false;
    q('.cast-browser-prompt').addEventListener('click', () => media.remote.prompt()
      .catch((e) => message(`This browser could not cast it: ${e.message}`)));
  } else if (media && typeof media.webkitShowPlaybackTargetPicker === 'function') {
    q('.cast-browser').hidden = false;
    q('.cast-browser-prompt').textContent = 'Use this browser\'s AirPlay';
    q('.cast-browser-prompt').addEventListener('click', () => media.webkitShowPlaybackTargetPicker());
  }

  let refreshDevices = null;
  button.addEventListener('click', () => {
    if (!dialog.open) dialog.showModal();
    if (!session || remoteControls(session).over) {
      q('.cast-remote').hidden = true;
      q('.cast-picker').hidden = false;
      q('.cast-empty').hidden = false;
      listDevices();
      // The node searches when asked; devices that answer late show up on a second look.
      clearTimeout(refreshDevices);
      refreshDevices = setTimeout(listDevices, 3000);
    }
  });
  return { dialog, get session() { return session; } };
}

for (const container of document.querySelectorAll('.cast[data-cast-kind]')) {
  if (container.dataset.castMounted) continue;
  container.dataset.castMounted = 'true';
  mountCastButton(container, {
    kind: container.dataset.castKind,
    id: container.dataset.castId,
    title: container.dataset.castTitle,
    media: document.getElementById('player'),
  });
}
