// An hls.js fragment loader (config.fLoader) backed by the mesh. The time a peer gets comes from
// the player's buffer (budget.js): with seconds buffered ahead there is time to ask a neighbour and
// still fall back to HTTP; with an empty buffer HTTP goes first. Whatever goes wrong on the peer
// path, hls.js always hears back: the fragment then comes over HTTP.
import { fetchingWaitMs, firstWaitMs, MIN_PEER_TRY_MS, peerBudget } from './budget.js';

/** The part of a segment URL that names it in the swarm, e.g. "source/seg00042.ts". */
export function segmentKey(url, swarmId) {
  const path = new URL(url, location.href).pathname;
  const marker = `/media/${swarmId}/`;
  const at = path.indexOf(marker);
  return at < 0 ? null : path.substring(at + marker.length);
}

export function meshFragmentLoader(Hls, mesh, video) {
  const Base = Hls.DefaultConfig.loader;
  return class MeshFragmentLoader {
    constructor(config) {
      this.http = new Base(config);
      this.stats = this.http.stats;
      this.aborted = false;
    }

    destroy() { this.http.destroy(); }

    abort() {
      this.aborted = true;
      this.http.abort();
    }

    load(context, config, callbacks) {
      this.context = context;
      const key = segmentKey(context.url, mesh.swarmId);
      if (!key) {
        this.viaHttp(context, config, callbacks, key);
        return;
      }
      if (mesh.cache.has(key)) {
        mesh.reasons.cache++;
        this.deliver(mesh.cache.get(key).slice(0), context, callbacks, false);
        return;
      }
      this.viaPeers(key)
        .catch(() => {
          this.why = 'peerError';
          return null;
        })
        .then((data) => {
          if (this.aborted) return;
          if (data) {
            mesh.reasons.peer++;
            mesh.store(key, data);
            this.deliver(data.slice(0), context, callbacks, true);
          } else {
            mesh.reasons[this.why || 'httpNoPeer']++;
            this.viaHttp(context, config, callbacks, key);
          }
        });
    }

    async viaPeers(key) {
      const { budgetMs, reason } = peerBudget(bufferAhead(video), mesh.peersWith(key).length > 0);
      this.why = reason;
      if (budgetMs === 0) return null;
      const start = performance.now();
      if (!mesh.peersWith(key).length) {
        await mesh.waitForHave(key, firstWaitMs(budgetMs, Math.random()), true);
        if (!mesh.peersWith(key).length && mesh.someoneFetching(key)) {
          await mesh.waitForHave(key, fetchingWaitMs(budgetMs, performance.now() - start));
        }
      }
      for (const peer of shuffle(mesh.peersWith(key))) {
        const left = budgetMs - (performance.now() - start);
        if (left < MIN_PEER_TRY_MS || this.aborted) break;
        this.why = 'httpPeerFailed';
        this.transferStartedAt = performance.now();
        const data = await mesh.fromPeer(peer, key, left);
        if (data) return data;
      }
      return null;
    }

    viaHttp(context, config, callbacks, key) {
      if (key) mesh.announceFetching(key);
      this.http.load(context, config, {
        ...callbacks,
        onSuccess: (response, stats, ctx, details) => {
          mesh.bytesFromServer += response.data.byteLength;
          if (key) mesh.store(key, response.data.slice(0));
          callbacks.onSuccess(response, stats, ctx, details);
        },
      });
    }

    deliver(data, context, callbacks, fromPeer) {
      const now = performance.now();
      const s = this.stats;
      // Set only here: the HTTP loader refuses a used stats object. The time spent waiting for a
      // neighbour to have the segment is not transfer time: counted in, it reads as a slow link and
      // hls.js would switch down to a rendition nobody else in the swarm plays.
      s.loading.start = fromPeer ? this.transferStartedAt : now;
      s.loading.first = now;
      s.loading.end = now;
      s.loaded = data.byteLength;
      s.total = data.byteLength;
      s.fromPeer = fromPeer;
      callbacks.onSuccess({ url: context.url, data }, s, context, null);
    }
  };
}

function bufferAhead(video) {
  if (!video) return 0;
  const t = video.currentTime;
  for (let i = 0; i < video.buffered.length; i++) {
    if (video.buffered.start(i) <= t + 0.1 && video.buffered.end(i) > t) return video.buffered.end(i) - t;
  }
  return 0;
}

function shuffle(list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}
