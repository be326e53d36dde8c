// Federation benchmark: how long an announcement takes to reach a follower (one hop) and a
// follower's follower (two hops, forwarded), and how long an ended broadcast takes to disappear
// there. Three nodes on loopback: B follows A (registry file), C follows B. A broadcaster page goes
// live on A, N times. Baseline in the same run: the origin's own live list (A's /api/broadcasts
// answering with a playlist), which is when there is anything to announce.
//
//   ./mvnw -B package -DskipTests && (cd bench && npm install --ignore-scripts) && node bench/federation.mjs [rounds]
import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, sleep, goLive, percentile } from './lib.mjs';

const ROUNDS = Number(process.argv[2] || 5);
const PORTS = { a: 18111, b: 18112, c: 18113 };
const dir = mkdtempSync(join(tmpdir(), 'defiance-federation-'));

const settings = (name, registry) => ({
  'defiance.node-name': `Bench ${name}`,
  'defiance.public-base-url': `http://127.0.0.1:${PORTS[name]}`,
  'defiance.discovery.allow-private-addresses': 'true',
  'defiance.discovery.probe-interval': 'PT1S',
  'defiance.discovery.registry-refresh': 'PT2S',
  'defiance.discovery.pull-interval': 'PT10M',
  'defiance.mesh.direct-viewers': '0',
  ...(registry ? { 'defiance.discovery.registries': registry } : {}),
});

/** Like lib.mjs's startNode, but patient: three JVMs starting on a busy 2-core machine take minutes. */
async function startNode(port, extra) {
  const dataDir = mkdtempSync(join(tmpdir(), 'defiance-bench-'));
  const props = { 'defiance.data-dir': dataDir, 'quarkus.http.port': String(port),
    'quarkus.datasource.jdbc.acquisition-timeout': '60S', ...extra };
  const args = [...Object.entries(props).map(([k, v]) => `-D${k}=${v}`), '-jar', 'target/quarkus-app/quarkus-run.jar'];
  const child = spawn('java', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${base}/q/health/live`)).ok) return { base, child };
    } catch (e) { /* not up yet */ }
    await sleep(200);
  }
  child.kill();
  throw new Error('node did not start');
}

async function json(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
}

function registryFile(name, nodes) {
  const file = join(dir, `registry-${name}.json`);
  writeFileSync(file, JSON.stringify({ version: '1.0', last_updated: new Date().toISOString(),
    bootstrap_nodes: nodes.map(([id, addr]) => ({ peer_id: id, multiaddr: addr, region: 'loopback', capabilities: ['live'] })),
    regions: {} }));
  return file;
}

async function until(what, check, timeoutMs = 60000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await check().catch(() => false)) return Date.now();
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const listedOn = (base, id) => async () =>
  (await json(`${base}/api/network/broadcasts`)).some((b) => b.broadcast_id === id);

const a = await startNode(PORTS.a, settings('a'));
const idA = (await json(`${a.base}/.well-known/defiance/node`)).id;
const b = await startNode(PORTS.b, settings('b', registryFile('b', [[idA, `/ip4/127.0.0.1/tcp/${PORTS.a}/http`]])));
const idB = (await json(`${b.base}/.well-known/defiance/node`)).id;
const c = await startNode(PORTS.c, settings('c', registryFile('c', [[idB, b.base]])));
const browser = await launch();
const results = { local: [], oneHop: [], twoHops: [], goneOneHop: [], goneTwoHops: [] };
try {
  await until('B follows A and C follows B', async () => {
    const ofA = (await json(`${a.base}/.well-known/defiance/peer-registry.json`)).bootstrap_nodes.map((n) => n.peer_id);
    const ofB = (await json(`${b.base}/.well-known/defiance/peer-registry.json`)).bootstrap_nodes.map((n) => n.peer_id);
    return ofA.includes(idB) && ofB.length > 2;
  }, 120000);
  const page = await (await browser.newContext()).newPage();
  for (let round = 0; round < ROUNDS; round++) {
    const clicked = Date.now();
    const id = round === 0 ? await goLive(page, a.base, 'benchfed') : await (async () => {
      await page.click('#go-live');
      await page.waitForSelector('#watch-link-line:not([hidden])', { timeout: 30000 });
      return (await page.getAttribute('#watch-link', 'href')).split('/').pop();
    })();
    const local = await until('A lists it', async () => (await json(`${a.base}/api/broadcasts/${id}`)).playlistUrl);
    const [atB, atC] = await Promise.all([until('B lists it', listedOn(b.base, id)), until('C lists it', listedOn(c.base, id))]);
    results.local.push(local - clicked);
    results.oneHop.push(atB - local);
    results.twoHops.push(atC - local);
    await sleep(5000);
    await page.click('#stop');
    const stopped = Date.now();
    const [goneB, goneC] = await Promise.all([
      until('gone from B', async () => !(await listedOn(b.base, id)())),
      until('gone from C', async () => !(await listedOn(c.base, id)())),
    ]);
    results.goneOneHop.push(goneB - stopped);
    results.goneTwoHops.push(goneC - stopped);
    await page.waitForSelector('#go-live:not([disabled])', { timeout: 30000 }).catch(() => {});
    await sleep(3000);
    console.log(`round ${round + 1}: local ${local - clicked} ms, B +${atB - local} ms, C +${atC - local} ms, `
      + `gone B ${goneB - stopped} ms, C ${goneC - stopped} ms`);
  }
} finally {
  await browser.close();
  for (const n of [a, b, c]) n.child.kill();
}
const row = (label, v) => console.log(`| ${label} | ${percentile(v, 50)} ms | ${Math.max(...v)} ms |`);
console.log('\n| | median | max |\n|---|---|---|');
row('baseline: go live click → A lists it', results.local);
row('A lists it → B lists it (1 hop, push)', results.oneHop);
row('A lists it → C lists it (2 hops, forwarded)', results.twoHops);
row('stop click → gone from B', results.goneOneHop);
row('stop click → gone from C', results.goneTwoHops);
