// Home page: the live list follows broadcasts starting and ending on any node, without a reload.

const section = document.querySelector('section.live');

function card(b) {
  const li = document.createElement('li');
  li.className = 'card';
  const a = document.createElement('a');
  a.href = `/watch/${encodeURIComponent(b.id)}`;
  const badge = document.createElement('span');
  badge.className = 'badge live';
  badge.textContent = 'LIVE';
  const title = document.createElement('strong');
  title.className = 'card-title';
  title.textContent = b.title;
  const meta = document.createElement('span');
  meta.className = 'card-meta';
  meta.textContent = `${b.channelTitle} · live now`;
  a.append(badge, title, meta);
  li.append(a);
  return li;
}

async function refreshLive() {
  const response = await fetch('/api/broadcasts?state=LIVE', { headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const live = await response.json();
  let list = document.getElementById('live-list');
  const empty = document.getElementById('live-empty');
  if (!list) {
    list = document.createElement('ul');
    list.className = 'cards';
    list.id = 'live-list';
    section.append(list);
  }
  list.replaceChildren(...live.map(card));
  list.hidden = live.length === 0;
  if (empty) empty.hidden = live.length > 0;
}

function follow() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const events = new WebSocket(`${scheme}://${location.host}/api/events`);
  events.addEventListener('message', (e) => {
    if (JSON.parse(e.data).type === 'broadcast') refreshLive();
  });
  events.addEventListener('close', () => setTimeout(follow, 5000));
}

follow();
