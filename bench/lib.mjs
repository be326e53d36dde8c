// Shared pieces of the benchmarks: a node under test, Debian's Chromium, a broadcaster page whose
// camera is a canvas that paints the current time as a row of black and white blocks.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required',
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** Starts the packaged node (target/quarkus-app) on a fresh data dir; resolves once it answers. */
export async function startNode(port, extra = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'defiance-bench-'));
  const props = { 'defiance.data-dir': dataDir, 'quarkus.http.port': String(port), ...extra };
  const args = [...Object.entries(props).map(([k, v]) => `-D${k}=${v}`), '-jar', 'target/quarkus-app/quarkus-run.jar'];
  const child = spawn('java', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/q/health/live`)).ok) return { base, child, dataDir };
    } catch (e) { /* not up yet */ }
    await sleep(200);
  }
  child.kill();
  throw new Error('node did not start');
}

/** Seconds of CPU a process and its children have used, from /proc (utime+stime+cutime+cstime). */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  return ticks / 100;
}

/** Seconds of CPU of a process tree still running: the process plus its live descendants. */
export function treeCpuSeconds(pid) {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
      // children are listed per thread: FFmpeg is started by one of the JVM's worker threads
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(' ').map(Number));
      }
    } catch (e) { /* exited */ }
  }
  return total;
}

/**
 * Replaces the camera with a 640x480 canvas at 30 fps that paints Date.now() (24 low bits of the
 * millisecond clock) as 24 blocks, plus a moving band so the encoder has real work; audio is a tone.
 */
export const CLOCK_CAMERA = () => {
  const W = 640; const H = 480; const BITS = 24; const SIZE = 24;
  const canvas = document.createElement('canvas');
  canvas.width = W; canvas.height = H;
  const g = canvas.getContext('2d');
  let frame = 0;
  setInterval(() => {
    frame++;
    g.fillStyle = '#336'; g.fillRect(0, 0, W, H);
    g.fillStyle = '#a63'; g.fillRect((frame * 6) % W, 0, 60, H);
    g.fillStyle = '#808080'; g.fillRect(0, 196, W, 56);
    const now = Date.now() % (1 << BITS);
    for (let i = 0; i < BITS; i++) {
      g.fillStyle = (now >> i) & 1 ? '#fff' : '#000';
      g.fillRect(8 + i * 26, 200, SIZE, 48);
    }
  }, 1000 / 30);
  const video = canvas.captureStream(30);
  const ctx = new AudioContext();
  const osc = ctx.createOscillator();
  const dest = ctx.createMediaStreamDestination();
  osc.connect(dest); osc.start();
  const stream = new MediaStream([...video.getVideoTracks(), ...dest.stream.getAudioTracks()]);
  navigator.mediaDevices.getUserMedia = async () => stream.clone();
  navigator.mediaDevices.enumerateDevices = async () => [
    { kind: 'videoinput', deviceId: 'clock', label: 'Clock canvas' },
    { kind: 'audioinput', deviceId: 'tone', label: 'Tone' }];
};

/** Reads the clock blocks back from a playing <video>; returns send time in the 24-bit ms clock. */
export const READ_CLOCK = () => {
  const v = document.querySelector('video');
  if (!v || v.videoWidth === 0 || v.readyState < 2) return null;
  const c = window.__clockCanvas || (window.__clockCanvas = document.createElement('canvas'));
  c.width = v.videoWidth; c.height = v.videoHeight;
  const g = c.getContext('2d', { willReadFrequently: true });
  g.drawImage(v, 0, 0);
  const sx = v.videoWidth / 640; const sy = v.videoHeight / 480;
  let value = 0;
  for (let i = 0; i < 24; i++) {
    const d = g.getImageData(Math.round((8 + i * 26 + 12) * sx), Math.round(224 * sy), 1, 1).data;
    if (d[0] + d[1] + d[2] > 384) value |= 1 << i;
  }
  return { sent: value, now: Date.now() % (1 << 24), time: v.currentTime };
};

/** Signs up through the pages and goes live from /broadcast; returns the broadcast id. */
export async function goLive(page, base, name) {
  await page.goto(`${base}/signup`);
  await page.fill('input[name=username]', name);
  await page.fill('input[name=password]', 'a long bench passphrase');
  await page.fill('input[name=confirm]', 'a long bench passphrase');
  await page.click('#signup-form button[type=submit]');
  await page.waitForURL('**/broadcast');
  await page.waitForFunction(() => document.getElementById('preview').videoWidth > 0);
  await page.click('#go-live');
  await page.waitForSelector('#watch-link-line:not([hidden])', { timeout: 30000 });
  const href = await page.getAttribute('#watch-link', 'href');
  return href.split('/').pop();
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
