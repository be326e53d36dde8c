// The peer budget: how long a fragment may wait for neighbours before the loader must fall back to
// HTTP and still beat a stall. Pure, so it is tested on its own (web/test/mesh-budget.test.js).

/** Longest time ever spent on peers for one fragment. */
export const MAX_PEER_MS = 6000;
/** Kept in reserve for the HTTP fetch after peers failed. */
export const HTTP_RESERVE_MS = 1500;
/** Below this there is no time for peers... */
export const MIN_BUDGET_MS = 300;
/** ...except a short try of a neighbour that already holds the fragment. */
export const STARTUP_PEER_MS = 700;
/** A request to one more peer is not started with less time than this left. */
export const MIN_PEER_TRY_MS = 200;
/** Longest first wait for a neighbour to announce the fragment. */
export const MAX_FIRST_WAIT_MS = 2500;

/**
 * How to load one fragment, from the seconds buffered ahead of the playhead and whether a
 * neighbour already announced it. Returns { budgetMs, reason }: budgetMs 0 means HTTP at once.
 */
export function peerBudget(bufferAheadSeconds, neighbourHasIt) {
  const ahead = Number.isFinite(bufferAheadSeconds) && bufferAheadSeconds > 0 ? bufferAheadSeconds : 0;
  const budgetMs = Math.max(0, Math.min(MAX_PEER_MS, ahead * 1000 - HTTP_RESERVE_MS));
  if (budgetMs >= MIN_BUDGET_MS) return { budgetMs, reason: 'httpNoPeer' };
  // Starting or nearly stalled: only a neighbour that already holds it is worth a short try.
  return neighbourHasIt ? { budgetMs: STARTUP_PEER_MS, reason: 'httpStartup' } : { budgetMs: 0, reason: 'httpStartup' };
}

/**
 * How long to wait for a neighbour to announce a fragment nobody has yet: about half the budget,
 * randomly shortened (random in [0, 1)) so that usually only one viewer goes to the node.
 */
export function firstWaitMs(budgetMs, random) {
  return Math.min(budgetMs * 0.5, MAX_FIRST_WAIT_MS) * (0.5 + random * 0.5);
}

/** Once a neighbour is downloading the fragment, its announcement is worth most of the budget. */
export function fetchingWaitMs(budgetMs, elapsedMs) {
  return Math.max(0, budgetMs * 0.8 - elapsedMs);
}
