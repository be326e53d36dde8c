// Mesh benchmark: share of segment bytes viewers get from each other (4 and 8 viewers), stalls and
// time to first frame, against p2p-media-loader (core + hlsjs, local WebTorrent tracker) on the same
// live stream with the same hls.js settings, and against plain HTTP (mesh off). Then glass-to-glass
// latency of direct mode.
//
//   ./mvnw -B package -DskipTests && (cd bench && npm install --ignore-scripts) && node bench/mesh.mjs [seconds]
import { createServer } from 'node:http';
import { createReadStream, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import Tracker from 'bittorrent-tracker/server';
import { launch, startNode, sleep, CLOCK_CAMERA, READ_CLOCK, goLive, percentile } from './lib.mjs';

const SECONDS = Number(process.argv[2] || 60);
const NODE_PORT = 18086;
const TRACKER_PORT = 18087;
const PAGES_PORT = 18088;
const here = new URL('.', import.meta.url).pathname;

function servePages() {
  const types = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = path === '/hls.min.js' ? join(here, '../web/vendor/hls.js/hls.min.js') : normalize(join(here, path));
    if (!file.startsWith(normalize(join(here, '..'))) || !existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((r) => server.listen(PAGES_PORT, '127.0.0.1', () => r(server)));
}

/** Opens n viewer pages 2 s apart, lets them play, and returns per-viewer figures. */
async function viewers(browser, n, url, read) {
  const pages = [];
  for (let i = 0; i < n; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      // count stalls and the first frame the same way on every page
      window.__playback = { waiting: 0, firstPlaying: null };
      document.addEventListener('playing', () => {
        if (window.__playback.firstPlaying === null) window.__playback.firstPlaying = performance.now();
      }, true);
      document.addEventListener('waiting', () => {
        if (window.__playback.firstPlaying !== null) window.__playback.waiting++;
      }, true);
    });
    await page.goto(url);
    pages.push({ page, context });
    await sleep(2000);
  }
  await sleep(SECONDS * 1000);
  const results = [];
  for (const { page, context } of pages) {
    results.push({ ...(await page.evaluate(read)), ...(await page.evaluate(() => window.__playback)) });
    await context.close();
  }
  return results;
}

function summarize(name, results) {
  const peers = results.reduce((s, r) => s + r.fromPeers, 0);
  const server = results.reduce((s, r) => s + r.fromServer, 0);
  const ttff = results.map((r) => r.firstPlaying).filter((t) => t !== null);
  const stalls = results.reduce((s, r) => s + r.waiting, 0);
  const line = `${name.padEnd(38)} from peers ${String(Math.round((100 * peers) / Math.max(1, peers + server))).padStart(3)} %` +
    `  (${(peers / 1e6).toFixed(1)} MB of ${((peers + server) / 1e6).toFixed(1)} MB)` +
    `  stalls ${stalls}  first frame median ${Math.round(percentile(ttff, 50))} ms, max ${Math.round(Math.max(...ttff))} ms` +
    `  (${ttff.length}/${results.length} played)`;
  console.log(line);
  return { peers, server, stalls, ttff };
}

const OURS = () => ({ fromPeers: window.defianceWatch.mesh ? window.defianceWatch.mesh.bytesFromPeers : 0,
  fromServer: window.defianceWatch.mesh ? window.defianceWatch.mesh.bytesFromServer : 0 });
const THEIRS = () => ({ fromPeers: window.bench.p2p, fromServer: window.bench.http });
const PLAIN = () => ({ fromPeers: 0, fromServer: performance.getEntriesByType('resource')
  .filter((e) => /\.ts(\?|$)/.test(e.name)).reduce((s, e) => s + e.transferSize, 0) });

const tracker = new Tracker({ udp: false, http: false, ws: true, stats: false });
await new Promise((r) => tracker.listen(TRACKER_PORT, '127.0.0.1', r));
const pages = await servePages();
const browser = await launch();
// direct mode off for the sharing runs: every viewer plays HLS; a 360p/240p ladder keeps up to
// nine pages decoding video within two cores
const node = await startNode(NODE_PORT, { 'defiance.mesh.direct-viewers': '0',
  'defiance.transcoder.renditions[0].max-height': '360', 'defiance.transcoder.renditions[1].max-height': '240' });
try {
  const caster = await (await browser.newContext()).newPage();
  await caster.addInitScript(CLOCK_CAMERA);
  const id = await goLive(caster, node.base, `mesh${Date.now() % 1e8}`);
  await sleep(10000);
  const src = `${node.base}/media/${id}/master.m3u8`;
  console.log(`${SECONDS} s per run after the last viewer joined; viewers join 2 s apart; one live 640x480 stream`);
  for (const n of [4, 8]) {
    summarize(`${n} viewers, Defiance mesh`, await viewers(browser, n, `${node.base}/watch/${id}`, OURS));
    const pml = `http://127.0.0.1:${PAGES_PORT}/pml.html?src=${encodeURIComponent(src)}&tracker=ws://127.0.0.1:${TRACKER_PORT}`;
    summarize(`${n} viewers, p2p-media-loader defaults`, await viewers(browser, n, pml, THEIRS));
    // their live advice: a deeper buffer, and a high-demand window short enough to leave room for peers
    summarize(`${n} viewers, p2p-media-loader tuned`, await viewers(browser, n, `${pml}&sync=7&highDemand=4`, THEIRS));
    summarize(`${n} viewers, mesh off (HTTP only)`, await viewers(browser, n, `${node.base}/watch/${id}?mesh=off`, PLAIN));
  }
  await caster.click('#stop');
} finally {
  node.child.kill();
  await browser.close();
  pages.close();
  tracker.close();
}

// Direct mode: the first viewer gets the broadcaster's camera over WebRTC.
{
  const browser2 = await launch();
  const node2 = await startNode(NODE_PORT + 10, {});
  try {
    const caster = await (await browser2.newContext()).newPage();
    await caster.addInitScript(CLOCK_CAMERA);
    const id = await goLive(caster, node2.base, `direct${Date.now() % 1e8}`);
    await caster.waitForFunction(() => document.getElementById('health-direct').dataset.swarm === 'joined');
    await sleep(2000);
    const viewer = await (await browser2.newContext()).newPage();
    await viewer.goto(`${node2.base}/watch/${id}`);
    await viewer.waitForFunction(() => document.getElementById('delivery-mode').dataset.mode === 'direct'
      && document.getElementById('player').currentTime > 1, null, { timeout: 30000 });
    const samples = [];
    let last = null;
    const end = Date.now() + SECONDS * 1000;
    while (Date.now() < end) {
      const r = await viewer.evaluate(READ_CLOCK);
      if (r && r.sent !== last) {
        last = r.sent;
        const d = (r.now - r.sent + (1 << 24)) % (1 << 24);
        if (d < 10000) samples.push(d);
      }
      await sleep(100);
    }
    console.log(`direct mode glass-to-glass: median ${percentile(samples, 50)} ms, p95 ${percentile(samples, 95)} ms (${samples.length} samples)`);
  } finally {
    node2.child.kill();
    await browser2.close();
  }
}
