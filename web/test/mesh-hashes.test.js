import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SegmentHashes, sha256Hex } from '../mesh/hashes.js';

const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'; // FIPS 180-2, "abc"

test('SHA-256 without crypto.subtle (plain HTTP on a LAN address) gives the same digest', async () => {
  const bytes = new TextEncoder().encode('abc').buffer;
  assert.equal(await sha256Hex(bytes), ABC, 'with crypto.subtle');
  const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true });
  try {
    assert.equal(globalThis.crypto.subtle, undefined);
    assert.equal(await sha256Hex(bytes), ABC, 'with the vendored library');
    const big = new Uint8Array(3 * 1024 * 1024).fill(7);
    Object.defineProperty(globalThis, 'crypto', original);
    const subtle = await sha256Hex(big.buffer);
    Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true });
    assert.equal(await sha256Hex(big.buffer), subtle);
  } finally {
    Object.defineProperty(globalThis, 'crypto', original);
  }
});

test('a segment missing from the sliding window is looked up again, not assumed', async () => {
  const windows = [
    new Map([['source/seg1.ts', 'a'.repeat(64)]]),
    new Map([['source/seg2.ts', 'b'.repeat(64)]]),
  ];
  let fetches = 0;
  const hashes = new SegmentHashes('b1', async (swarm, dir) => {
    assert.equal(swarm, 'b1');
    assert.equal(dir, 'source/');
    return windows[Math.min(fetches++, windows.length - 1)];
  });
  assert.equal(await hashes.expected('source/seg1.ts'), 'a'.repeat(64));
  assert.equal(await hashes.expected('source/seg1.ts'), 'a'.repeat(64), 'known: no fetch');
  assert.equal(fetches, 1);
  // seg2 is not in the first window: fetched again once the short refetch interval passed
  await new Promise((r) => setTimeout(r, 600));
  assert.equal(await hashes.expected('source/seg2.ts'), 'b'.repeat(64));
  assert.equal(fetches, 2);
});

test('a failing hash file means no hash, never a crash', async () => {
  const hashes = new SegmentHashes('b1', async () => { throw new Error('offline'); });
  assert.equal(await hashes.expected('source/seg1.ts'), undefined);
});
