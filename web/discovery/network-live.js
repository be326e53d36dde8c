// "Live on the network" on the home page: refreshes the list of broadcasts other nodes announced,
// so one that ends (or expires) disappears without a reload. Text goes in as text, never as HTML.

/** What one card shows of a broadcast from /api/network/broadcasts. */
export function describe(broadcast) {
  const viewers = Number.isInteger(broadcast.viewers) ? broadcast.viewers : 0;
  const parts = [broadcast.origin_name];
  if (broadcast.channel_title) parts.push(broadcast.channel_title);
  parts.push(`${viewers} watching`);
  return {
    key: `${broadcast.origin_id}/${broadcast.broadcast_id}`,
    href: /^https?:\/\//.test(broadcast.watch_url) ? broadcast.watch_url : '#',
    title: broadcast.title,
    meta: parts.join(' · '),
  };
}

function card(item) {
  const li = document.createElement('li');
  li.className = 'card';
  li.dataset.key = item.key;
  const a = document.createElement('a');
  a.href = item.href;
  a.rel = 'noopener';
  const badge = document.createElement('span');
  badge.className = 'badge live';
  badge.textContent = 'LIVE';
  const title = document.createElement('strong');
  title.className = 'card-title';
  title.textContent = item.title;
  const meta = document.createElement('span');
  meta.className = 'card-meta';
  meta.textContent = item.meta;
  a.append(badge, title, meta);
  li.append(a);
  return li;
}

async function refresh(list, empty) {
  const response = await fetch('/api/network/broadcasts', { headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const items = (await response.json()).map(describe);
  list.replaceChildren(...items.map(card));
  list.hidden = items.length === 0;
  if (empty) empty.hidden = items.length > 0;
}

const list = typeof document !== 'undefined' && document.getElementById('network-live-list');
if (list) {
  const empty = document.getElementById('network-live-empty');
  setInterval(() => refresh(list, empty).catch(() => {}), 10000);
}
