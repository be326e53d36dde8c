import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clock, remoteControls, startBody, castableDevices, problemText, protocolLabel } from './cast-policy.js';

test('clock shows m:ss and h:mm:ss, nothing when unknown', () => {
  assert.equal(clock(7.9), '0:07');
  assert.equal(clock(3903), '1:05:03');
  assert.equal(clock(null), '');
  assert.equal(clock(Number.NaN), '');
});

test('the remote offers pause while playing, play while paused, nothing before loading', () => {
  assert.equal(remoteControls({ state: 'PLAYING', duration: 60, live: false }).toggle, 'pause');
  assert.equal(remoteControls({ state: 'PAUSED', duration: 60, live: false }).toggle, 'play');
  assert.equal(remoteControls({ state: 'LOADING' }).toggle, null);
  assert.equal(remoteControls({ state: 'CONNECTING' }).canStop, true);
});

test('live streams cannot be sought; recordings with a duration can', () => {
  assert.equal(remoteControls({ state: 'PLAYING', live: true, duration: null }).canSeek, false);
  assert.equal(remoteControls({ state: 'PLAYING', live: false, duration: 20 }).canSeek, true);
});

test('a failed session says why and offers nothing but closing', () => {
  const c = remoteControls({ state: 'FAILED', error: 'Kitchen did not answer' });
  assert.equal(c.text, 'Failed: Kitchen did not answer');
  assert.equal(c.over, true);
  assert.equal(c.canStop, false);
  assert.equal(c.toggle, null);
});

test('start bodies name exactly one thing to play', () => {
  assert.deepEqual(startBody('recording', 'abc', 'dlna-1'), { device: 'dlna-1', recording: 'abc' });
  assert.deepEqual(startBody('audioEntry', 'e1', 'cc-1'), { device: 'cc-1', audioEntry: 'e1' });
  assert.throws(() => startBody('playlist', 'x', 'd'));
});

test('renderers that cannot play HLS are not offered for live broadcasts', () => {
  const devices = [{ id: 'a', protocol: 'dlna', playsLive: false }, { id: 'b', protocol: 'chromecast', playsLive: true }];
  assert.deepEqual(castableDevices(devices, 'broadcast').map((d) => d.id), ['b']);
  assert.deepEqual(castableDevices(devices, 'recording').map((d) => d.id), ['a', 'b']);
});

test('problems read as the node wrote them', () => {
  assert.equal(problemText(400, { detail: 'port must be between 1 and 65535' }), 'port must be between 1 and 65535');
  assert.equal(problemText(401, null), 'Sign in to cast.');
  assert.equal(protocolLabel('dlna'), 'DLNA');
});
