// Soak benchmark: what a long broadcast costs each viewer in playlist and hash refreshes, minute by
// minute. The node serves a broadcast whose HLS is written by FFmpeg with the node's own HLS muxer
// settings (media.FfmpegCommand: -hls_list_size 0, EVENT playlist, program_date_time, temp_file,
// keyframe at every boundary) from an FFmpeg test source, and viewers poll it over plain HTTP the
// way hls.js and the mesh do:
//   - the live playlist every segment duration (half that after an unchanged answer, as hls.js),
//     with the browser's revalidation (If-None-Match) and Accept-Encoding: gzip, deflate, br;
//   - hashes.json (conditional too) whenever the playlist shows a new segment, which is how often
//     the mesh needs it when peers deliver the segments.
// Baseline in the same run: what the node answered before windowing, for the very same polls — the
// whole playlist on disk and every segment's hash, each time, uncompressed, never 304.
//
//   ./mvnw -B package -DskipTests && node bench/soak.mjs [minutes=30] [segment seconds=0.5] [viewers=4]
//   env: SOAK_WINDOW (node's defiance.transcoder.live-window-segments), SOAK_SIZE (640x360),
//        SOAK_KBPS (800, the node's 360p rung), SOAK_PRESET (ultrafast), SOAK_PORT (18090)
// Needs only Node.js, Java and FFmpeg (no npm packages).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MINUTES = Number(process.argv[2] || 30);
const SEGMENT = Number(process.argv[3] || 0.5);
const VIEWERS = Number(process.argv[4] || 4);
const WINDOW = process.env.SOAK_WINDOW;
const SIZE = process.env.SOAK_SIZE || '640x360';
const KBPS = Number(process.env.SOAK_KBPS || 800);
const PRESET = process.env.SOAK_PRESET || 'ultrafast';
const PORT = Number(process.env.SOAK_PORT || 18090);
const FPS = 30;
const RENDITION = '360p';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const kib = (bytes) => (bytes / 1024).toFixed(1);

async function startNode(dataDir) {
  const props = { 'defiance.data-dir': dataDir, 'quarkus.http.port': String(PORT) };
  if (WINDOW) props['defiance.transcoder.live-window-segments'] = WINDOW;
  const args = [...Object.entries(props).map(([k, v]) => `-D${k}=${v}`), '-jar', 'target/quarkus-app/quarkus-run.jar'];
  const child = spawn('java', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/q/health/live`)).ok) return child;
    } catch (e) { /* not up yet */ }
    await sleep(200);
  }
  child.kill();
  throw new Error('node did not start (built? ./mvnw -B package -DskipTests)');
}

/** FFmpeg with the HLS output of media.FfmpegCommand, fed a test picture and tone instead of the pacer. */
function startTranscoder(outputDir) {
  mkdirSync(join(outputDir, RENDITION), { recursive: true });
  const gop = Math.max(1, Math.round(FPS * SEGMENT));
  const args = ['-hide_banner', '-loglevel', 'warning', '-nostdin', '-re',
    '-f', 'lavfi', '-i', `testsrc2=size=${SIZE}:rate=${FPS}`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-map', '0:v', '-map', '1:a',
    '-c:v', 'libx264', '-preset', PRESET, '-tune', 'zerolatency', '-profile:v', 'main', '-pix_fmt', 'yuv420p',
    '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0',
    '-force_key_frames', `expr:gte(t,n_forced*${SEGMENT})`,
    '-b:v:0', `${KBPS}k`, '-maxrate:v:0', `${KBPS}k`, '-bufsize:v:0', `${2 * KBPS}k`,
    '-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2',
    '-f', 'hls', '-hls_time', String(SEGMENT), '-hls_list_size', '0', '-hls_playlist_type', 'event',
    '-hls_segment_type', 'mpegts', '-hls_flags', 'independent_segments+program_date_time+temp_file',
    '-hls_segment_filename', join(outputDir, '%v', 'seg%05d.ts'), '-master_pl_name', 'master.m3u8',
    '-var_stream_map', `v:0,a:0,name:${RENDITION}`, join(outputDir, '%v', 'index.m3u8')];
  return spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** One GET as a browser with an HTTP cache makes it; counts the bytes that crossed the wire. */
function get(agent, path, etag) {
  return new Promise((resolve, reject) => {
    const headers = { 'Accept-Encoding': 'gzip, deflate, br' };
    if (etag) headers['If-None-Match'] = etag;
    const req = http.get({ host: '127.0.0.1', port: PORT, path, agent, headers }, (res) => {
      let body = 0;
      res.on('data', (chunk) => { body += chunk.length; });
      res.on('end', () => {
        let head = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length + 2;
        for (let i = 0; i < res.rawHeaders.length; i += 2) head += res.rawHeaders[i].length + 2 + res.rawHeaders[i + 1].length + 2;
        resolve({ status: res.statusCode, etag: res.headers.etag, body, head });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** What the disk holds now: the whole playlist's size, its segments, and their total size. */
function disk(renditionDir) {
  try {
    const text = readFileSync(join(renditionDir, 'index.m3u8'), 'utf8');
    const names = text.split('\n').filter((l) => l && !l.startsWith('#'));
    let video = 0;
    for (const n of names) {
      try { video += statSync(join(renditionDir, n)).size; } catch (e) { /* not there */ }
    }
    return { playlistBytes: Buffer.byteLength(text), names, video };
  } catch (e) {
    return { playlistBytes: 0, names: [], video: 0 };
  }
}

/** Size of the hashes.json the node wrote before: {"algorithm":"SHA-256","segments":{"name":"hex",...}}. */
function fullHashesBytes(names) {
  if (!names.length) return 0;
  return '{"algorithm":"SHA-256","segments":{'.length + names.reduce((n, name) => n + name.length + 69, 0)
    + names.length - 1 + '}}'.length;
}

function emptyMinute() {
  return { playlistBody: 0, hashesBody: 0, head: 0, requests: 0, notModified: 0, failed: 0, oldPlaylist: 0, oldHashes: 0 };
}

async function viewer(id, minutes, renditionDir, stopAt) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const base = `/media/${id}/${RENDITION}/`;
  let playlistTag = null;
  let hashesTag = null;
  let lastSegments = -1;
  const started = Date.now();
  while (Date.now() < stopAt) {
    const m = minutes[Math.min(minutes.length - 1, Math.floor((Date.now() - started) / 60000))];
    const onDisk = disk(renditionDir);
    const p = await get(agent, base + 'index.m3u8', playlistTag);
    m.requests++;
    m.head += p.head;
    m.playlistBody += p.body;
    m.oldPlaylist += onDisk.playlistBytes;
    if (p.status === 304) m.notModified++;
    if (p.status !== 200 && p.status !== 304) m.failed++;
    if (p.etag) playlistTag = p.etag;
    const changed = p.status === 200 && onDisk.names.length !== lastSegments;
    if (changed && onDisk.names.length > 0) {
      lastSegments = onDisk.names.length;
      const h = await get(agent, base + 'hashes.json', hashesTag);
      m.requests++;
      m.head += h.head;
      m.hashesBody += h.body;
      m.oldHashes += fullHashesBytes(onDisk.names);
      if (h.status === 304) m.notModified++;
      if (h.status !== 200 && h.status !== 304) m.failed++;
      if (h.etag) hashesTag = h.etag;
    }
    await sleep((changed ? SEGMENT : SEGMENT / 2) * 1000);
  }
  agent.destroy();
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'defiance-soak-'));
  const id = Array.from({ length: 16 }, () => 'abcdefghijklmnopqrstuvwxyz234567'[Math.floor(Math.random() * 32)]).join('');
  const outputDir = join(dataDir, 'media', id);
  const renditionDir = join(outputDir, RENDITION);
  const node = await startNode(dataDir);
  const ffmpeg = startTranscoder(outputDir);
  try {
    while (disk(renditionDir).names.length < 1) await sleep(100);
    console.log(`soak: ${MINUTES} min, ${SEGMENT} s segments, ${VIEWERS} viewers polling ${RENDITION} (${SIZE}, ${KBPS} kb/s),`
      + ` live window ${WINDOW || 'default'}; KiB per viewer per minute`);
    const minutes = Array.from({ length: MINUTES }, emptyMinute);
    const stopAt = Date.now() + MINUTES * 60000;
    const videoAt = [disk(renditionDir).video];
    const clock = setInterval(() => videoAt.push(disk(renditionDir).video), 60000);
    await Promise.all(Array.from({ length: VIEWERS }, () => viewer(id, minutes, renditionDir, stopAt)));
    clearInterval(clock);
    videoAt.push(disk(renditionDir).video);
    const header = ['min', 'segments', 'playlist', 'hashes', 'headers', 'req', '304', 'failed', '| before: playlist', 'hashes', '| video'];
    console.log(header.join('\t'));
    const totals = emptyMinute();
    for (let i = 0; i < minutes.length; i++) {
      const m = minutes[i];
      const per = (x) => kib(x / VIEWERS);
      Object.keys(totals).forEach((k) => { totals[k] += m[k]; });
      console.log([i + 1, Math.round((i + 1) * 60 / SEGMENT), per(m.playlistBody), per(m.hashesBody), per(m.head),
        Math.round(m.requests / VIEWERS), Math.round(m.notModified / VIEWERS), m.failed, `| ${per(m.oldPlaylist)}`, per(m.oldHashes),
        `| ${kib((videoAt[i + 1] ?? videoAt[videoAt.length - 1]) - videoAt[i])}`].join('\t'));
    }
    const last = minutes[minutes.length - 1];
    console.log(`last minute, per viewer: now ${kib((last.playlistBody + last.hashesBody + last.head) / VIEWERS)} KiB`
      + ` (with headers) against ${kib((last.oldPlaylist + last.oldHashes) / VIEWERS)} KiB before (bodies only)`);

    ffmpeg.kill('SIGINT'); // FFmpeg writes its last segment and EXT-X-ENDLIST
    await new Promise((r) => ffmpeg.once('exit', r));
    const ended = await (await fetch(`http://127.0.0.1:${PORT}/media/${id}/${RENDITION}/index.m3u8`)).text();
    console.log(`after the end: the playlist served lists ${ended.split('\n').filter((l) => l.startsWith('#EXTINF')).length}`
      + ` segments of ${disk(renditionDir).names.length} on disk, ended: ${ended.includes('#EXT-X-ENDLIST')}`);
  } finally {
    ffmpeg.kill('SIGKILL');
    node.kill();
    await new Promise((r) => node.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
