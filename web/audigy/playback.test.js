import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clampRate, clampVolume, clock, resumeAt, positionKey, shouldSave, pollDelay, describe } from './playback.js';

test('speed stays between 0.5x and 3x', () => {
  assert.equal(clampRate(0.25), 0.5);
  assert.equal(clampRate('2.5'), 2.5);
  assert.equal(clampRate(4), 3);
  assert.equal(clampRate('fast'), 1);
});

test('volume stays between 0 and 1', () => {
  assert.equal(clampVolume(-1), 0);
  assert.equal(clampVolume(0.4), 0.4);
  assert.equal(clampVolume(7), 1);
});

test('clock shows m:ss and h:mm:ss', () => {
  assert.equal(clock(0), '0:00');
  assert.equal(clock(65.9), '1:05');
  assert.equal(clock(3723), '1:02:03');
  assert.equal(clock(NaN), '0:00');
});

test('resume skips the first and last seconds', () => {
  assert.equal(resumeAt(3, 100), 0);
  assert.equal(resumeAt(42.5, 100), 42.5);
  assert.equal(resumeAt(97, 100), 0);
  assert.equal(resumeAt('x', 100), 0);
  assert.equal(resumeAt(42, NaN), 42);
});

test('positions are saved every two seconds of movement', () => {
  assert.equal(positionKey('abc'), 'audigy:position:abc');
  assert.equal(shouldSave(undefined, 1), true);
  assert.equal(shouldSave(10, 11), false);
  assert.equal(shouldSave(10, 12), true);
  assert.equal(shouldSave(10, 3), true);
});

test('polling backs off to three seconds', () => {
  assert.equal(pollDelay(0), 500);
  assert.equal(pollDelay(1), 1000);
  assert.equal(pollDelay(10), 3000);
});

test('the status line names a mismatch and its reason', () => {
  assert.match(describe({ state: 'mismatch', detail: 'checksum mismatch: the sha256 of the file from http://a/x is 00' }), /http:\/\/a\/x/);
  assert.equal(describe({ state: 'ready', verified: true }), 'Verified copy (size and checksum match)');
  assert.match(describe({ state: 'direct' }), /not verified/);
});
