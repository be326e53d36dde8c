import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fetchingWaitMs, firstWaitMs, HTTP_RESERVE_MS, MAX_FIRST_WAIT_MS, MAX_PEER_MS, peerBudget, STARTUP_PEER_MS,
} from '../mesh/budget.js';

test('an empty buffer goes to HTTP at once unless a neighbour already holds the fragment', () => {
  assert.deepEqual(peerBudget(0, false), { budgetMs: 0, reason: 'httpStartup' });
  assert.deepEqual(peerBudget(0, true), { budgetMs: STARTUP_PEER_MS, reason: 'httpStartup' });
  assert.deepEqual(peerBudget(1.7, false), { budgetMs: 0, reason: 'httpStartup' }, '200 ms of room is not worth a try');
});

test('buffered seconds buy time for peers, keeping the HTTP reserve, up to the cap', () => {
  assert.equal(peerBudget(4, false).budgetMs, 4000 - HTTP_RESERVE_MS);
  assert.equal(peerBudget(4, false).reason, 'httpNoPeer');
  assert.equal(peerBudget(30, true).budgetMs, MAX_PEER_MS);
});

test('nonsense buffer figures count as an empty buffer', () => {
  for (const ahead of [NaN, -3, undefined, Infinity]) {
    assert.equal(peerBudget(ahead, false).budgetMs, 0, String(ahead));
  }
});

test('the first wait is half the budget at most, capped, and never shorter than a quarter', () => {
  assert.equal(firstWaitMs(2000, 0.999999).toFixed(0), '1000');
  assert.equal(firstWaitMs(2000, 0), 500);
  assert.equal(firstWaitMs(MAX_PEER_MS, 0.999999).toFixed(0), String(MAX_FIRST_WAIT_MS));
});

test('waiting for a neighbour that is downloading leaves a fifth of the budget', () => {
  assert.equal(fetchingWaitMs(4000, 1000), 2200);
  assert.equal(fetchingWaitMs(4000, 5000), 0);
});
