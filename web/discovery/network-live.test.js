import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe } from './network-live.js';

test('a card names the origin node, the channel and the viewers, and links to the origin', () => {
  const card = describe({
    origin_id: 'dnabc', broadcast_id: 'b1', origin_name: 'Node A', channel_title: 'Alice',
    title: 'Hello', viewers: 3, watch_url: 'https://a.example/watch/b1',
  });
  assert.deepEqual(card, {
    key: 'dnabc/b1', href: 'https://a.example/watch/b1', title: 'Hello', meta: 'Node A · Alice · 3 watching',
  });
});

test('a link that is not http(s) is not followed, and missing viewers count as none', () => {
  const card = describe({ origin_id: 'x', broadcast_id: 'y', origin_name: 'N', title: 'T', watch_url: 'javascript:alert(1)' });
  assert.equal(card.href, '#');
  assert.equal(card.meta, 'N · 0 watching');
});
