const test = require('node:test');
const assert = require('node:assert/strict');
const Overlay = require('../../extension/overlay.js');

function rect(left, top, width, height) {
  return { left, top, width, height, right: left + width, bottom: top + height };
}

test('touching rects on one line (a span across <b>) merge into one underline', () => {
  const merged = Overlay.mergeLineRects([rect(10, 100, 20, 16), rect(30, 100, 25, 16), rect(55.5, 101, 30, 15)]);
  assert.equal(merged.length, 1);
  assert.deepEqual([merged[0].left, merged[0].right, merged[0].bottom], [10, 85.5, 116]);
});

test('a span wrapped onto two lines keeps one rect per line', () => {
  const merged = Overlay.mergeLineRects([rect(400, 100, 80, 16), rect(10, 120, 50, 16)]);
  assert.deepEqual(merged.map((r) => [r.left, r.top]), [[400, 100], [10, 120]]);
});

test('empty rects are dropped and apart rects on one line stay apart', () => {
  const merged = Overlay.mergeLineRects([rect(10, 100, 0, 16), rect(10, 100, 20, 16), rect(60, 100, 20, 16)]);
  assert.deepEqual(merged.map((r) => r.left), [10, 60]);
});
