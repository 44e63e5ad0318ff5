// The next-finding shortcut (extension/keyboard.js): parsing, matching by physical key, recording from a key press.
const test = require('node:test');
const assert = require('node:assert/strict');
const Keyboard = require('../../extension/keyboard.js');

const key = (code, key, mods = {}) => ({ code, key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

test('the default is Alt+Shift+J, matched by the physical key (Option+Shift+J types a symbol on a Mac)', () => {
  assert.equal(Keyboard.DEFAULT, 'Alt+Shift+J');
  assert.ok(Keyboard.matches(key('KeyJ', 'J', { altKey: true, shiftKey: true }), 'Alt+Shift+J'));
  assert.ok(Keyboard.matches(key('KeyJ', '\u00d4', { altKey: true, shiftKey: true }), 'Alt+Shift+J'));
  assert.ok(!Keyboard.matches(key('KeyJ', 'j', { altKey: true }), 'Alt+Shift+J'), 'every modifier counts');
  assert.ok(!Keyboard.matches(key('ArrowDown', 'ArrowDown', { altKey: true }), 'Alt+Shift+J'));
});

test('a shortcut needs Ctrl, Alt or Meta and a key; recorded from a key press', () => {
  assert.equal(Keyboard.parse('Shift+J'), null);
  assert.equal(Keyboard.parse('Alt'), null);
  assert.deepEqual(Keyboard.parse('ctrl+alt+k'), { ctrl: true, alt: true, shift: false, meta: false, key: 'K' });
  assert.equal(Keyboard.fromEvent(key('KeyK', 'k', { ctrlKey: true, altKey: true })), 'Ctrl+Alt+K');
  assert.equal(Keyboard.fromEvent(key('AltLeft', 'Alt', { altKey: true })), null);
  assert.equal(Keyboard.fromEvent(key('KeyK', 'k')), null);
  assert.ok(Keyboard.matches(key('Digit1', '!', { metaKey: true, shiftKey: true }), 'Meta+Shift+1'));
});
