import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHUNK, HEADER, MAX_KEYS_PER_HAVE, MAX_SEGMENT_BYTES, Reassembly, chunk, chunkId, parseControl, validKey,
} from '../mesh/wire.js';

test('well-formed control messages pass', () => {
  assert.deepEqual(parseControl('{"t":"have","keys":["source/seg00001.ts"]}'), { t: 'have', keys: ['source/seg00001.ts'] });
  assert.deepEqual(parseControl('{"t":"req","id":7,"key":"360p/seg00002.ts"}'), { t: 'req', id: 7, key: '360p/seg00002.ts' });
  assert.deepEqual(parseControl('{"t":"data","id":7,"key":"360p/seg00002.ts","size":1000}'),
    { t: 'data', id: 7, key: '360p/seg00002.ts', size: 1000 });
  assert.deepEqual(parseControl('{"t":"miss","id":7}'), { t: 'miss', id: 7 });
  assert.deepEqual(parseControl('{"t":"fetching","key":"source/seg00003.ts"}'), { t: 'fetching', key: 'source/seg00003.ts' });
});

test('a neighbour cannot make the page allocate any size', () => {
  assert.equal(parseControl(JSON.stringify({ t: 'data', id: 1, key: 'source/a.ts', size: MAX_SEGMENT_BYTES + 1 })), null);
  assert.equal(parseControl(JSON.stringify({ t: 'data', id: 1, key: 'source/a.ts', size: 1e300 })), null);
  assert.equal(parseControl(JSON.stringify({ t: 'data', id: 1, key: 'source/a.ts', size: -1 })), null);
  assert.equal(parseControl(JSON.stringify({ t: 'data', id: 1, key: 'source/a.ts', size: 1.5 })), null);
  assert.equal(parseControl(JSON.stringify({ t: 'data', id: 1, key: 'source/a.ts', size: '100' })), null);
});

test('names, ids, lists and text are bounded and checked', () => {
  assert.equal(validKey('../../etc/passwd'), false);
  assert.equal(validKey('source/../x.ts'), false);
  assert.equal(validKey('source/seg.ts/more'), false);
  assert.equal(validKey('a'.repeat(33) + '/x.ts'), false);
  const many = Array.from({ length: MAX_KEYS_PER_HAVE + 1 }, (_, i) => `source/seg${i}.ts`);
  assert.equal(parseControl(JSON.stringify({ t: 'have', keys: many })), null);
  assert.equal(parseControl(JSON.stringify({ t: 'req', id: 0, key: 'source/a.ts' })), null);
  assert.equal(parseControl(JSON.stringify({ t: 'req', id: 2 ** 32, key: 'source/a.ts' })), null);
  assert.equal(parseControl(JSON.stringify({ t: 'have', keys: 'source/a.ts' })), null);
  assert.equal(parseControl('not json'), null);
  assert.equal(parseControl('null'), null);
  assert.equal(parseControl(JSON.stringify({ t: 'have', keys: [] , pad: 'x'.repeat(20000) })), null);
  assert.equal(parseControl(JSON.stringify({ t: 'eval', code: 'x' })), null);
});

test('chunks carry their request id and at most CHUNK bytes', () => {
  const c = chunk(42, new Uint8Array(CHUNK).fill(1));
  assert.equal(chunkId(c.buffer), 42);
  assert.equal(chunkId(new ArrayBuffer(HEADER)), null, 'no payload');
  assert.equal(chunkId(new ArrayBuffer(HEADER + CHUNK + 1)), null, 'too long');
  assert.equal(chunkId('text'), null);
});

test('reassembly stops at the announced size', () => {
  const r = new Reassembly(5);
  assert.equal(r.add(chunk(1, new Uint8Array([1, 2, 3])).buffer), 'more');
  assert.equal(r.add(chunk(1, new Uint8Array([4, 5, 6])).buffer), 'bad', 'more than announced');
  const ok = new Reassembly(5);
  ok.add(chunk(1, new Uint8Array([1, 2, 3])).buffer);
  assert.equal(ok.add(chunk(1, new Uint8Array([4, 5])).buffer), 'done');
  assert.deepEqual([...ok.bytes], [1, 2, 3, 4, 5]);
});
