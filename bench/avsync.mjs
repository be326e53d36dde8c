// Audio/video sync over a long broadcast: the camera flashes white and the microphone beeps at the
// same moment every two seconds; afterwards FFmpeg finds every flash and every beep in the node's
// recording and the offset (beep minus flash) is followed from the first minute to the last.
// Baseline in the same run: the browser's own MediaRecorder recording the very same tracks, which
// shows how much of the offset the browser's capture already carries before the node sees it.
//
//   ./mvnw -B package -DskipTests && (cd bench && npm install --ignore-scripts) && node bench/avsync.mjs [seconds]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, startNode, sleep, goLive, percentile } from './lib.mjs';

const SECONDS = Number(process.argv[2] || 300);
const NODE_PORT = 18090;
const PERIOD_MS = 2000;

/** A 640x480 canvas camera and an oscillator microphone that flash and beep together. */
const FLASH_CAMERA = (periodMs) => {
  const W = 640; const H = 480;
  const canvas = document.createElement('canvas');
  canvas.width = W; canvas.height = H;
  const g = canvas.getContext('2d');
  const ctx = new AudioContext();
  const osc = ctx.createOscillator();
  osc.frequency.value = 1000;
  const gain = ctx.createGain();
  gain.gain.value = 0;
  const dest = ctx.createMediaStreamDestination();
  osc.connect(gain).connect(dest); osc.start();
  const start = performance.now();
  let lastFlash = -1;
  let frame = 0;
  setInterval(() => {
    frame++;
    const cycle = Math.floor((performance.now() - start) / periodMs);
    const inCycle = (performance.now() - start) % periodMs;
    const flashing = inCycle < 200;
    if (flashing && cycle !== lastFlash) {
      lastFlash = cycle;
      // the beep starts with the first white frame, on the audio clock's "now"
      gain.gain.setValueAtTime(0.8, ctx.currentTime);
      gain.gain.setValueAtTime(0, ctx.currentTime + 0.2);
    }
    g.fillStyle = flashing ? '#fff' : '#223'; g.fillRect(0, 0, W, H);
    g.fillStyle = '#a63'; g.fillRect((frame * 6) % W, 0, 60, flashing ? 0 : H);
  }, 1000 / 30);
  const video = canvas.captureStream(30);
  const stream = new MediaStream([...video.getVideoTracks(), ...dest.stream.getAudioTracks()]);
  window.__flashStream = stream;
  navigator.mediaDevices.getUserMedia = async () => stream.clone();
  navigator.mediaDevices.enumerateDevices = async () => [
    { kind: 'videoinput', deviceId: 'flash', label: 'Flash canvas' },
    { kind: 'audioinput', deviceId: 'beep', label: 'Beep' }];
};

/** Times (s) at which a per-frame metadata value rises above a threshold after being below it. */
function onsets(file, filter, key, threshold, stream) {
  const args = ['-v', 'error', '-i', file, stream === 'v' ? '-an' : '-vn',
    stream === 'v' ? '-vf' : '-af', `${filter},${stream === 'v' ? '' : 'a'}metadata=print:key=${key}:file=-`, '-f', 'null', '-'];
  const out = spawnSync('ffmpeg', args, { maxBuffer: 1 << 28 }).stdout.toString();
  const times = [];
  let t = null; let above = false;
  for (const line of out.split('\n')) {
    const pts = line.match(/pts_time:([\d.]+)/);
    if (pts) { t = Number(pts[1]); continue; }
    const kv = line.match(new RegExp(`${key.replace(/\./g, '\\.')}=(-?[\\d.]+|-inf)`));
    if (!kv || t === null) continue;
    const value = kv[1] === '-inf' ? -Infinity : Number(kv[1]);
    if (value > threshold && !above) times.push(t);
    above = value > threshold;
  }
  return times;
}

/** Beep minus flash, in ms, for every flash that has a beep within half a period. */
function offsets(file) {
  const flashes = onsets(file, 'signalstats', 'lavfi.signalstats.YAVG', 128, 'v');
  // 10 ms audio frames so a beep's onset is placed to within 10 ms
  const beeps = onsets(file, 'asetnsamples=n=480,astats=metadata=1:reset=1', 'lavfi.astats.Overall.RMS_level', -30, 'a');
  const pairs = [];
  for (const f of flashes) {
    let best = null;
    for (const b of beeps) if (best === null || Math.abs(b - f) < Math.abs(best - f)) best = b;
    if (best !== null && Math.abs(best - f) < PERIOD_MS / 2000) pairs.push({ at: f, offset: Math.round((best - f) * 1000) });
  }
  return { flashes: flashes.length, beeps: beeps.length, pairs };
}

function describe(name, r) {
  const first = r.pairs.filter((p) => p.at - r.pairs[0].at < 60).map((p) => p.offset);
  const lastAt = r.pairs[r.pairs.length - 1].at;
  const last = r.pairs.filter((p) => lastAt - p.at < 60).map((p) => p.offset);
  const all = r.pairs.map((p) => p.offset);
  const median = (xs) => percentile(xs, 50);
  console.log(`${name.padEnd(8)} ${r.pairs.length} flash/beep pairs over ${lastAt.toFixed(0)} s ` +
    `(${r.flashes} flashes, ${r.beeps} beeps); beep minus flash: median ${median(all)} ms, ` +
    `first minute ${median(first)} ms, last minute ${median(last)} ms, drift ${median(last) - median(first)} ms, ` +
    `worst ${all.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0)} ms`);
}

const browser = await launch();
const node = await startNode(NODE_PORT, process.env.NODE_LOG ? { 'quarkus.log.file.enabled': 'true', 'quarkus.log.file.path': process.env.NODE_LOG } : {});
try {
  console.log(`Broadcasting ${SECONDS} s; machine: ${spawnSync('nproc').stdout.toString().trim()} cores`);
  const page = await (await browser.newContext()).newPage();
  await page.addInitScript(FLASH_CAMERA, PERIOD_MS);
  const id = await goLive(page, node.base, `sync${Date.now() % 1e8}`);
  // the baseline records the same tracks in the same page for the same time
  await page.evaluate(() => {
    const chunks = [];
    const recorder = new MediaRecorder(window.__flashStream, { mimeType: 'video/webm;codecs=vp8,opus' });
    recorder.ondataavailable = (e) => chunks.push(e.data);
    window.__stopRecorder = () => new Promise((resolve) => {
      recorder.onstop = async () => {
        const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
        let s = '';
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        resolve(btoa(s));
      };
      recorder.stop();
    });
    recorder.start(1000);
  });
  await sleep(SECONDS * 1000);
  const webm = await page.evaluate(() => window.__stopRecorder());
  const { ingest } = await (await fetch(`${node.base}/api/broadcasts/${id}`)).json();
  await page.click('#stop');
  let status;
  for (let i = 0; i < 150; i++) {
    status = await (await fetch(`${node.base}/api/broadcasts/${id}`)).json();
    if (status.state === 'ENDED' && status.recordingUrl) break;
    await sleep(200);
  }
  const browserFile = join(mkdtempSync(join(tmpdir(), 'defiance-avsync-')), 'browser.webm');
  writeFileSync(browserFile, Buffer.from(webm, 'base64'));
  const nodeFile = join(node.dataDir, 'media', id, 'recording.m3u8');
  console.log(`ingest: frames received ${ingest.framesReceived}, dropped ${ingest.framesDropped}; recording ${status.durationMs} ms`);
  describe('ours', offsets(nodeFile));
  describe('browser', offsets(browserFile));
} finally {
  node.child.kill();
  await browser.close();
}
