// Chat fan-out benchmark: 1,000 WebSocket chatters on loopback, one sender; messages delivered per
// second and delivery latency (send → receive, same clock). First one node, then the same load
// spread over two clustered nodes (PostgreSQL + RabbitMQ) with the sender on one of them.
//
//   ./mvnw -B verify -DskipTests && (cd bench && npm install --ignore-scripts) && node bench/chat-fanout.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { launch, startNode, sleep, goLive, percentile } from './lib.mjs';

const CLIENTS = Number(process.argv[2] || 1000);
const RATE = Number(process.argv[3] || 50); // messages per second from the sender
const SECONDS = Number(process.argv[4] || 20);
// the bench measures delivery, so the chat's anti-spam limits are lifted for its sender; the
// broadcaster's page keeps a small live broadcast running meanwhile, in both runs alike
const NODE_SETTINGS = { 'defiance.chat.messages-per-minute': '100000', 'defiance.chat.burst': '1000',
};

function connect(base, id, nick) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/api/chat/${id}?nick=${nick}`);
    ws.on('error', reject);
    ws.on('message', (data) => {
      const m = JSON.parse(data);
      if (m.type === 'history') resolve(ws);
    });
  });
}

async function run(label, bases, id) {
  const latencies = [];
  let delivered = 0;
  const clients = [];
  for (let i = 0; i < CLIENTS; i++) {
    const ws = await connect(bases[i % bases.length], id, `c${i}`);
    ws.on('message', (data) => {
      const m = JSON.parse(data);
      if (m.type === 'message' && m.text.startsWith('t=')) {
        delivered++;
        latencies.push(Number(process.hrtime.bigint() / 1000n) / 1000 - Number(m.text.substring(2)));
      }
    });
    clients.push(ws);
  }
  const sender = await connect(bases[0], id, 'sender');
  sender.on('message', (data) => {
    const m = JSON.parse(data);
    if (m.type === 'error') console.log('sender refused:', m.message);
  });
  await sleep(1000);
  delivered = 0;
  latencies.length = 0;
  const start = Date.now();
  let sent = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - start) / 1000) * RATE);
    while (sent < due) {
      sender.send(JSON.stringify({ type: 'post', text: `t=${Number(process.hrtime.bigint() / 1000n) / 1000}` }));
      sent++;
    }
  }, 5);
  await sleep(SECONDS * 1000);
  clearInterval(timer);
  await sleep(2000); // let the last messages arrive
  const perSecond = delivered / SECONDS;
  console.log(`${label.padEnd(30)} ${sent} sent, ${delivered} of ${sent * CLIENTS} delivered ` +
    `(${(perSecond).toFixed(0)} msg/s), latency p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
    `p99 ${percentile(latencies, 99).toFixed(1)} ms`);
  clients.forEach((c) => c.close());
  sender.close();
  return perSecond;
}

async function liveBroadcast(browser, base) {
  const page = await (await browser.newContext()).newPage();
  const id = await goLive(page, base, `chat${Date.now() % 1e8}`);
  for (let i = 0; i < 100; i++) {
    const status = await (await fetch(`${base}/api/broadcasts/${id}`)).json();
    if (status.state === 'LIVE') break;
    await sleep(300);
  }
  return id; // the page stays: closing it would end the broadcast (it says goodbye on pagehide)
}

const browser = await launch();
console.log(`${CLIENTS} chatters, ${RATE} messages/s for ${SECONDS} s, on ${spawnSync('nproc').stdout.toString().trim()} cores`);
let single;
{
  const node = await startNode(18110, NODE_SETTINGS);
  try {
    const id = await liveBroadcast(browser, node.base);
    single = await run('one node', [node.base], id);
  } finally {
    node.child.kill();
  }
}
{
  const db = `defiance_fanout_${Date.now()}`;
  spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'test', '-c', `create database ${db}`]);
  const cluster = { ...NODE_SETTINGS, 'quarkus.profile': 'cluster', 'defiance.db.url': `jdbc:postgresql://127.0.0.1:5432/${db}`,
    'quarkus.http.auth.session.encryption-key': 'fanout-bench-key-that-is-long-enough-123' };
  const a = await startClusterNode(18111, cluster);
  const b = await startClusterNode(18112, cluster);
  try {
    const id = await liveBroadcast(browser, a.base);
    const two = await run('two clustered nodes', [a.base, b.base], id);
    console.log(`ratio two nodes / one node: ${(two / single).toFixed(2)}`);
  } finally {
    a.child.kill();
    b.child.kill();
    await sleep(2000);
    spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'test', '-c', `drop database if exists ${db} with (force)`]);
  }
}
await browser.close();

/** A node of the cluster build, with its own data dir and a public URL other nodes can use. */
async function startClusterNode(port, settings) {
  const dataDir = mkdtempSync(join(tmpdir(), 'defiance-bench-cluster-'));
  const props = { ...settings, 'defiance.data-dir': dataDir, 'quarkus.http.port': String(port),
    'defiance.public-base-url': `http://127.0.0.1:${port}` };
  const args = [...Object.entries(props).map(([k, v]) => `-D${k}=${v}`), '-jar', 'target/cluster/quarkus-app/quarkus-run.jar'];
  const child = spawn('java', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/q/health/live`)).ok) return { base, child };
    } catch (e) { /* not up yet */ }
    await sleep(200);
  }
  throw new Error('cluster node did not start');
}
