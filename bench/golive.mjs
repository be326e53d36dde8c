// Go-live benchmark: glass-to-glass latency (camera canvas → WHIP → node → HLS → hls.js) and CPU
// per broadcast at 640x480 30 fps, each against FFmpeg alone on the same kind of input with the
// same ladder, served by nginx and played by the same hls.js.
//
//   ./mvnw -B package -DskipTests && (cd bench && npm install) && node bench/golive.mjs [seconds]
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, startNode, sleep, treeCpuSeconds, CLOCK_CAMERA, READ_CLOCK, goLive, percentile } from './lib.mjs';

const SECONDS = Number(process.argv[2] || 60);
const NODE_PORT = 18080;
const NGINX_PORT = 18081;
// Viewers join a stream that has been running for a while, as real viewers do: a player that joins
// while the playlist holds one segment starts closer to the edge than it ever will later.
const JOIN_AFTER_MS = 15000;

async function sampleLatency(page, seconds) {
  const samples = [];
  let last = null;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const r = await page.evaluate(READ_CLOCK);
    if (r && r.sent !== last) {
      last = r.sent;
      const delta = (r.now - r.sent + (1 << 24)) % (1 << 24);
      if (delta < 60000) samples.push(delta);
    }
    await sleep(250);
  }
  return samples;
}

function summary(samples) {
  return { n: samples.length, median: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function ours(browser) {
  const node = await startNode(NODE_PORT, { 'defiance.mesh.direct-viewers': '0', 'quarkus.log.file.enabled': 'true', 'quarkus.log.file.path': join(tmpdir(), `bench-node-${process.pid}.log`) });
  try {
    const broadcaster = await (await browser.newContext()).newPage();
    await broadcaster.addInitScript(CLOCK_CAMERA);
    const id = await goLive(broadcaster, node.base, `bench${Date.now() % 1e8}`);
    await sleep(JOIN_AFTER_MS);
    const viewer = await (await browser.newContext()).newPage();
    await viewer.goto(`${node.base}/watch/${id}`);
    await viewer.waitForFunction(() => document.querySelector('video').currentTime > 1, null, { timeout: 60000 });
    await sleep(3000);
    const cpuStart = treeCpuSeconds(node.child.pid);
    const wallStart = Date.now();
    const samples = await sampleLatency(viewer, SECONDS);
    const cpu = (treeCpuSeconds(node.child.pid) - cpuStart) / ((Date.now() - wallStart) / 1000);
    const status = await (await fetch(`${node.base}/api/broadcasts/${id}`)).json();
    const log = readFileSync(join(tmpdir(), `bench-node-${process.pid}.log`), 'utf8');
    const command = log.split('\n').find((l) => l.includes(`transcoder ${id}: `)).split(`transcoder ${id}: `)[1];
    await broadcaster.click('#stop');
    return { latency: summary(samples), cpu, status, command };
  } finally {
    node.child.kill();
  }
}

/** Splits the logged command line back into arguments (it quotes with single quotes). */
function splitCommand(line) {
  const args = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  let m;
  while ((m = re.exec(line))) args.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]);
  return args;
}

/** 640x480 I420 frames with the same clock blocks, written at 30 fps. */
function clockFrame(frameNo) {
  const W = 640; const H = 480;
  const buf = Buffer.alloc(W * H * 3 / 2, 128);
  buf.fill(60, 0, W * H);
  const band = (frameNo * 6) % W;
  for (let y = 0; y < H; y++) buf.fill(140, y * W + band, y * W + Math.min(W, band + 60));
  for (let y = 196; y < 252; y++) buf.fill(128, y * W, (y + 1) * W);
  const now = Date.now() % (1 << 24);
  for (let i = 0; i < 24; i++) {
    const v = (now >> i) & 1 ? 235 : 16;
    for (let y = 200; y < 248; y++) buf.fill(v, y * W + 8 + i * 26, y * W + 8 + i * 26 + 24);
  }
  return buf;
}

async function baseline(browser, nodeCommand) {
  const work = mkdtempSync(join(tmpdir(), 'defiance-baseline-'));
  chmodSync(work, 0o755); // nginx workers run as an unprivileged user
  const out = join(work, 'hls');
  mkdirSync(out);
  // Same ladder and encoder settings; audio from a tone generator instead of our socket.
  let args = splitCommand(nodeCommand).slice(1);
  const audioAt = args.findIndex((a) => a.startsWith('tcp://'));
  // drop '-thread_queue_size 1024 -f s16le -ar 48000 -ac 2 -i tcp://…' (nine tokens and the URL)
  args.splice(audioAt - 9, 10, '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000');
  args = args.map((a) => a.replace(/\/[^ ]*\/media\/[a-z2-7]{16}\//, `${out}/`));
  const vs = args.indexOf('-video_size');
  args[vs + 1] = '640x480';
  const progress = args.indexOf('-progress');
  args.splice(progress, 2);
  ['source', '360p'].forEach((r) => mkdirSync(join(out, r), { recursive: true }));
  copyFileSync('web/vendor/hls.js/hls.min.js', join(work, 'hls.min.js'));
  writeFileSync(join(work, 'index.html'), `<!DOCTYPE html><video muted autoplay playsinline></video>
<script src="hls.min.js"></script><script>
const v = document.querySelector('video');
const h = new Hls({ liveSyncDurationCount: 3, backBufferLength: 30 });
h.loadSource('hls/master.m3u8'); h.attachMedia(v); v.play().catch(() => {});
</script>`);
  writeFileSync(join(work, 'nginx.conf'), `daemon off; worker_processes 1; pid ${work}/nginx.pid;
error_log ${work}/error.log; events { worker_connections 256; }
http { access_log off; include /etc/nginx/mime.types;
  types { application/vnd.apple.mpegurl m3u8; video/mp2t ts; }
  server { listen 127.0.0.1:${NGINX_PORT}; root ${work};
    location ~ \\.m3u8$ { add_header Cache-Control no-cache; } } }`);
  const nginx = spawn('nginx', ['-c', join(work, 'nginx.conf')], { stdio: 'ignore' });
  process.on('exit', () => nginx.kill());
  const ffmpeg = spawn('ffmpeg', args, { stdio: ['pipe', 'ignore', 'inherit'] });
  ffmpeg.stdin.on('error', (e) => console.error('baseline FFmpeg input closed:', e.message));
  let frame = 0;
  const start = Date.now();
  const writer = setInterval(() => {
    const due = Math.floor((Date.now() - start) / (1000 / 30));
    while (frame <= due) ffmpeg.stdin.write(clockFrame(frame++));
  }, 10);
  try {
    const viewer = await (await browser.newContext()).newPage();
    for (let i = 0; i < 100; i++) {
      try {
        const r = await fetch(`http://127.0.0.1:${NGINX_PORT}/hls/master.m3u8`);
        if (r.ok) break;
      } catch (e) { /* not yet */ }
      await sleep(200);
    }
    await sleep(JOIN_AFTER_MS);
    await viewer.goto(`http://127.0.0.1:${NGINX_PORT}/index.html`);
    await viewer.waitForFunction(() => document.querySelector('video').currentTime > 1, null, { timeout: 60000 });
    await sleep(3000);
    const cpuStart = treeCpuSeconds(ffmpeg.pid);
    const wallStart = Date.now();
    const samples = await sampleLatency(viewer, SECONDS);
    const cpu = (treeCpuSeconds(ffmpeg.pid) - cpuStart) / ((Date.now() - wallStart) / 1000);
    return { latency: summary(samples), cpu };
  } finally {
    clearInterval(writer);
    ffmpeg.stdin.end();
    ffmpeg.kill();
    nginx.kill();
  }
}

const browser = await launch();
try {
  console.log(`Measuring ${SECONDS} s each; machine: ${spawnSync('nproc').stdout.toString().trim()} cores`);
  const a = await ours(browser);
  console.log(`ours     glass-to-glass median ${a.latency.median} ms, p95 ${a.latency.p95} ms (${a.latency.n} samples)`);
  console.log(`ours     CPU ${(a.cpu * 100).toFixed(0)} % of one core (node + FFmpeg), ingest ${a.status.ingest.width}x${a.status.ingest.height}, ` +
    `frames received ${a.status.ingest.framesReceived}, dropped ${a.status.ingest.framesDropped}, speed ${a.status.transcoder.speed}x`);
  const b = await baseline(browser, a.command);
  console.log(`baseline FFmpeg alone + nginx: median ${b.latency.median} ms, p95 ${b.latency.p95} ms (${b.latency.n} samples)`);
  console.log(`baseline CPU ${(b.cpu * 100).toFixed(0)} % of one core (FFmpeg only)`);
  console.log(`ratio    latency ${(a.latency.median / b.latency.median).toFixed(2)}x, CPU ${(a.cpu / b.cpu).toFixed(2)}x`);
} finally {
  await browser.close();
}
