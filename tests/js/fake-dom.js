// A minimal DOM for unit-testing the extension's modules under node: elements, text nodes, attributes, classes,
// events (with bubbling), simple selectors, a document with ranges, a selection and execCommand('insertText').
// Layout is not computed: an element's getBoundingClientRect() is what the test set on el.rect (or the
// document's sizes by class), so geometry is whatever a test declares.
//
// innerHTML is parsed (crudely: tags become elements), so code that puts a string in with innerHTML creates
// elements a test can find, exactly the mistake a test of "text goes in with textContent" must catch.

class FakeNode {
  constructor(nodeType, nodeName) {
    this.nodeType = nodeType;
    this.nodeName = nodeName;
    this.parentNode = null;
    this.childNodes = [];
    this.ownerDocument = null;
    this.listeners = [];
  }
  get firstChild() {
    return this.childNodes[0] || null;
  }
  get lastChild() {
    return this.childNodes[this.childNodes.length - 1] || null;
  }
  get nextSibling() {
    if (!this.parentNode) return null;
    const siblings = this.parentNode.childNodes;
    return siblings[siblings.indexOf(this) + 1] || null;
  }
  get parentElement() {
    return this.parentNode && this.parentNode.nodeType === 1 ? this.parentNode : null;
  }
  get isConnected() {
    let n = this;
    while (n.parentNode) n = n.parentNode;
    return n.nodeType === 9;
  }
  contains(node) {
    for (let n = node; n; n = n.parentNode) if (n === this) return true;
    return false;
  }
  remove() {
    if (this.parentNode) {
      const siblings = this.parentNode.childNodes;
      siblings.splice(siblings.indexOf(this), 1);
      this.parentNode = null;
    }
  }
  addEventListener(type, fn, options) {
    this.listeners.push({ type, fn, capture: options === true || Boolean(options && options.capture) });
  }
  removeEventListener(type, fn, options) {
    const capture = options === true || Boolean(options && options.capture);
    this.listeners = this.listeners.filter((l) => !(l.type === type && l.fn === fn && l.capture === capture));
  }
  // Capture listeners of the ancestors from the root down, every listener of the target, then the ancestors'
  // bubbling listeners from the target up (shadow roots pass the event to their host).
  dispatchEvent(event) {
    event.target = this;
    const ancestors = [];
    for (let n = this.parentNode || this.host || null; n; n = n.parentNode || n.host || null) ancestors.push(n);
    const run = (node, which) => {
      for (const l of [...node.listeners]) {
        if (l.type === event.type && which(l) && !event.stopped) {
          event.currentTarget = node;
          l.fn(event);
        }
      }
    };
    for (const node of [...ancestors].reverse()) run(node, (l) => l.capture);
    run(this, () => true);
    for (const node of ancestors) run(node, (l) => !l.capture);
    return !event.defaultPrevented;
  }
  get textContent() {
    return this.nodeType === 3 ? this.data : this.childNodes.map((c) => c.textContent).join('');
  }
}

class FakeText extends FakeNode {
  constructor(data) {
    super(3, '#text');
    this.data = data;
  }
  set textContent(value) {
    this.data = String(value);
  }
  get textContent() {
    return this.data;
  }
}

function event(type, init = {}) {
  return {
    type, detail: 1, key: '', altKey: false, clientX: 0, clientY: 0, defaultPrevented: false, stopped: false,
    ...init,
    preventDefault() { this.defaultPrevented = true; },
    stopPropagation() { this.stopped = true; },
  };
}

// Compound selectors only ("button", ".a.b", "#id", "[attr]", "[attr=value]", "div.x"), comma-separated.
function matches(el, selector) {
  return selector.split(',').some((one) => {
    const s = one.trim();
    const m = s.match(/^([a-zA-Z][\w-]*)?((?:[.#][\w-]+|\[[^\]]+\])*)$/);
    if (!m) throw new Error(`fake-dom does not support the selector ${JSON.stringify(s)}`);
    if (m[1] && el.nodeName !== m[1].toUpperCase()) return false;
    for (const part of m[2].match(/[.#][\w-]+|\[[^\]]+\]/g) || []) {
      if (part[0] === '.' && !el.classList.contains(part.slice(1))) return false;
      if (part[0] === '#' && el.id !== part.slice(1)) return false;
      if (part[0] === '[') {
        const [name, value] = part.slice(1, -1).split('=');
        const actual = el.getAttribute(name);
        if (actual === null || (value !== undefined && actual !== value.replace(/^["']|["']$/g, ''))) return false;
      }
    }
    return true;
  });
}

class FakeElement extends FakeNode {
  constructor(tag, attrs = {}) {
    super(1, tag.toUpperCase());
    this.attrs = {};
    this.dataset = {};
    this.style = {};
    this.rect = null;
    for (const [name, value] of Object.entries(attrs)) this.setAttribute(name, value);
    if (attrs.style === 'display:none') this.style = { display: 'none' };
  }
  get tagName() {
    return this.nodeName;
  }
  get className() {
    return this.attrs.class || '';
  }
  set className(value) {
    this.attrs.class = String(value);
  }
  get id() {
    return this.attrs.id || '';
  }
  set id(value) {
    this.attrs.id = String(value);
  }
  get classList() {
    const names = () => this.className.split(/\s+/).filter(Boolean);
    return {
      contains: (c) => names().includes(c),
      add: (...cs) => { this.className = [...new Set([...names(), ...cs])].join(' '); },
      remove: (...cs) => { this.className = names().filter((n) => !cs.includes(n)).join(' '); },
      toggle: (c, force) => {
        const on = force === undefined ? !names().includes(c) : force;
        if (on) this.classList.add(c);
        else this.classList.remove(c);
        return on;
      },
    };
  }
  getAttribute(name) {
    if (name.startsWith('data-')) {
      const key = name.slice(5).replace(/-(\w)/g, (_, c) => c.toUpperCase());
      return key in this.dataset ? String(this.dataset[key]) : null;
    }
    return name in this.attrs ? this.attrs[name] : null;
  }
  setAttribute(name, value) {
    if (name.startsWith('data-')) this.dataset[name.slice(5).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = String(value);
    else this.attrs[name] = String(value);
  }
  removeAttribute(name) {
    delete this.attrs[name];
  }
  hasAttribute(name) {
    return this.getAttribute(name) !== null;
  }
  adopt(node) {
    const n = typeof node === 'string' ? new FakeText(node) : node;
    if (n.nodeName === '#document-fragment') return [...n.childNodes].flatMap((c) => this.adopt(c));
    n.remove();
    n.parentNode = this;
    return [n];
  }
  append(...nodes) {
    for (const node of nodes) this.childNodes.push(...this.adopt(node));
  }
  appendChild(node) {
    this.append(node);
    return node;
  }
  prepend(...nodes) {
    const adopted = nodes.flatMap((node) => this.adopt(node));
    this.childNodes.unshift(...adopted);
  }
  insertBefore(node, ref) {
    const adopted = this.adopt(node);
    const at = ref ? this.childNodes.indexOf(ref) : this.childNodes.length;
    this.childNodes.splice(at, 0, ...adopted);
    return node;
  }
  replaceChildren(...nodes) {
    for (const c of [...this.childNodes]) c.remove();
    this.append(...nodes);
  }
  set textContent(value) {
    this.replaceChildren(new FakeText(String(value)));
  }
  get textContent() {
    return super.textContent;
  }
  get innerHTML() {
    const out = (n) => (n.nodeType === 3 ? n.data
      : `<${n.nodeName.toLowerCase()}>${n.childNodes.map(out).join('')}</${n.nodeName.toLowerCase()}>`);
    return this.childNodes.map(out).join('');
  }
  set innerHTML(html) {
    this.replaceChildren();
    const stack = [this];
    for (const token of String(html).split(/(<[^>]*>)/)) {
      if (!token) continue;
      const top = stack[stack.length - 1];
      const tag = token.match(/^<\s*(\/)?\s*([a-zA-Z][\w-]*)/);
      if (!tag) top.append(token);
      else if (tag[1]) stack.length > 1 && stack.pop();
      else {
        const el = new FakeElement(tag[2]);
        top.append(el);
        if (!/\/>$/.test(token) && !['img', 'br', 'input', 'hr'].includes(tag[2].toLowerCase())) stack.push(el);
      }
    }
  }
  matches(selector) {
    return matches(this, selector);
  }
  closest(selector) {
    for (let n = this; n && n.nodeType === 1; n = n.parentNode) if (n.matches(selector)) return n;
    return null;
  }
  querySelectorAll(selector) {
    const out = [];
    (function walk(node) {
      for (const c of node.childNodes) {
        if (c.nodeType === 1) {
          if (c.matches(selector)) out.push(c);
          walk(c);
        }
      }
    })(this);
    return out;
  }
  querySelector(selector) {
    return this.querySelectorAll(selector)[0] || null;
  }
  getBoundingClientRect() {
    const r = this.rect || (this.ownerDocument && this.ownerDocument.sizeOf(this)) || { left: 0, top: 0, width: 0, height: 0 };
    const left = r.left || 0;
    const top = r.top || 0;
    return { left, top, width: r.width, height: r.height, right: left + r.width, bottom: top + r.height, x: left, y: top };
  }
  attachShadow() {
    this.shadowRoot = new FakeElement('#shadow-root');
    this.shadowRoot.host = this;
    this.shadowRoot.ownerDocument = this.ownerDocument;
    return this.shadowRoot;
  }
  focus() {
    if (this.ownerDocument) this.ownerDocument.activeElement = this;
  }
  click() {
    this.dispatchEvent(event('click'));
  }
}

class FakeRange {
  constructor() {
    this.startContainer = null;
    this.startOffset = 0;
    this.endContainer = null;
    this.endOffset = 0;
  }
  setStart(node, offset) {
    this.startContainer = node;
    this.startOffset = offset;
  }
  setEnd(node, offset) {
    this.endContainer = node;
    this.endOffset = offset;
  }
  get collapsed() {
    return this.startContainer === this.endContainer && this.startOffset === this.endOffset;
  }
  getClientRects() {
    return [];
  }
}

class FakeSelection {
  constructor(doc) {
    this.doc = doc;
    this.ranges = [];
  }
  get rangeCount() {
    return this.ranges.length;
  }
  get isCollapsed() {
    return !this.ranges.length || this.ranges[0].collapsed;
  }
  get focusNode() {
    return this.ranges.length ? this.ranges[0].endContainer : null;
  }
  get focusOffset() {
    return this.ranges.length ? this.ranges[0].endOffset : 0;
  }
  getRangeAt(i) {
    return this.ranges[i];
  }
  removeAllRanges() {
    this.ranges = [];
  }
  addRange(range) {
    this.ranges = [range];
  }
  // The caret at a text node's offset (as a click or the arrow keys would put it).
  collapse(node, offset) {
    const r = new FakeRange();
    r.setStart(node, offset);
    r.setEnd(node, offset);
    this.ranges = [r];
  }
}

class FakeDocument extends FakeNode {
  // sizes: {className: {width, height}} for getBoundingClientRect() of elements with that class.
  constructor({ sizes = {} } = {}) {
    super(9, '#document');
    this.ownerDocument = this;
    this.sizes = sizes;
    this.commands = []; // execCommand calls: [name, value]
    this.documentElement = this.createElement('html');
    this.documentElement.parentNode = this;
    this.childNodes.push(this.documentElement);
    this.body = this.createElement('body');
    this.documentElement.append(this.body);
    this.activeElement = this.body;
    this.selection = new FakeSelection(this);
  }
  sizeOf(el) {
    const name = el.className.split(/\s+/).find((c) => c in this.sizes);
    return name ? this.sizes[name] : null;
  }
  createElement(tag) {
    const el = new FakeElement(tag);
    el.ownerDocument = this;
    return el;
  }
  createTextNode(data) {
    const t = new FakeText(data);
    t.ownerDocument = this;
    return t;
  }
  createDocumentFragment() {
    const f = new FakeElement('#document-fragment');
    f.ownerDocument = this;
    return f;
  }
  createRange() {
    return new FakeRange();
  }
  querySelectorAll(selector) {
    return this.documentElement.matches(selector)
      ? [this.documentElement, ...this.documentElement.querySelectorAll(selector)]
      : this.documentElement.querySelectorAll(selector);
  }
  querySelector(selector) {
    return this.querySelectorAll(selector)[0] || null;
  }
  // 'insertText' and 'delete' replace the selection (within one text node) and fire input on the editable box,
  // as a browser does for an edit the writer makes.
  execCommand(name, _ui, value) {
    this.commands.push([name, value]);
    const range = this.selection.getRangeAt(0);
    const node = range.startContainer;
    if (node !== range.endContainer || node.nodeType !== 3) throw new Error('fake execCommand: one text node only');
    const text = name === 'insertText' ? value : '';
    node.data = node.data.slice(0, range.startOffset) + text + node.data.slice(range.endOffset);
    this.selection.collapse(node, range.startOffset + text.length);
    const box = node.parentElement && node.parentElement.closest('[contenteditable=true]');
    if (box) box.dispatchEvent(event('input'));
    return true;
  }
}

// h('div', {class: 'x'}, 'text', h('b', {}, 'bold'), ...) builds a tree; strings become text nodes.
function h(tag, attrs, ...children) {
  const el = new FakeElement(tag, attrs || {});
  for (const c of children) el.append(typeof c === 'string' ? new FakeText(c) : c);
  return el;
}

// Gives every node under root the document (h() builds detached nodes without one).
function adopt(doc, root) {
  root.ownerDocument = doc;
  for (const c of root.childNodes) adopt(doc, c);
  return root;
}

// The text a [start, end) points object covers, read back from the DOM nodes themselves (not from the map).
function textBetween(root, pts) {
  let out = '';
  let on = false;
  (function walk(node) {
    for (const c of node.childNodes) {
      if (c.nodeType === 3) {
        const from = c === pts.start.node ? pts.start.offset : 0;
        if (c === pts.start.node) on = true;
        if (on) out += c.data.slice(from, c === pts.end.node ? pts.end.offset : undefined);
        if (c === pts.end.node) on = false;
      } else {
        walk(c);
      }
    }
  })(root);
  return out;
}

module.exports = { h, adopt, event, textBetween, FakeDocument, FakeElement, FakeText, FakeRange };
