// Capacity benchmark: how many simultaneous 640x480 30 fps broadcasts one node holds before more
// than 1 % of received frames are dropped (the transcoder cannot keep up). Broadcasters are
// headless Chromium pages on the same machine, so their encoders share its cores.
//
//   ./mvnw -B package -DskipTests && (cd bench && npm install) && node bench/capacity.mjs [max]
import { spawnSync } from 'node:child_process';
import { launch, startNode, sleep, CLOCK_CAMERA, goLive, treeCpuSeconds } from './lib.mjs';

const MAX = Number(process.argv[2] || 6);
const WARM_MS = 15000;
const MEASURE_MS = 30000;

async function statuses(base, ids) {
  return Promise.all(ids.map(async (id) => (await fetch(`${base}/api/broadcasts/${id}`)).json()));
}

const browser = await launch();
const node = await startNode(18082, { 'defiance.live.max-broadcasts': '50' });
const ids = [];
let held = 0;
try {
  console.log(`machine: ${spawnSync('nproc').stdout.toString().trim()} cores; broadcasts at 640x480 30 fps`);
  for (let n = 1; n <= MAX; n++) {
    const page = await (await browser.newContext()).newPage();
    await page.addInitScript(CLOCK_CAMERA);
    ids.push(await goLive(page, node.base, `cap${n}x${Date.now() % 1e6}`));
    await sleep(WARM_MS);
    const before = await statuses(node.base, ids);
    const cpuBefore = treeCpuSeconds(node.child.pid);
    await sleep(MEASURE_MS);
    const after = await statuses(node.base, ids);
    const cpu = (treeCpuSeconds(node.child.pid) - cpuBefore) / (MEASURE_MS / 1000);
    let received = 0;
    let dropped = 0;
    const speeds = [];
    after.forEach((s, i) => {
      received += s.ingest.framesReceived - before[i].ingest.framesReceived;
      dropped += s.ingest.framesDropped - before[i].ingest.framesDropped;
      speeds.push(s.transcoder.speed);
    });
    const share = received ? (100 * dropped) / received : 100;
    console.log(`${n} broadcast(s): received ${received} frames, dropped ${dropped} (${share.toFixed(2)} %), ` +
      `node CPU ${(cpu * 100).toFixed(0)} % of one core, transcoder speed ${speeds.map((s) => s.toFixed(2)).join(' ')}`);
    if (share > 1) break;
    held = n;
  }
  console.log(`held ${held} simultaneous broadcast(s) with at most 1 % dropped frames`);
} finally {
  node.child.kill();
  await browser.close();
}
