// A minimal DOM (elements, text nodes, classList, attributes) for unit-testing the extension's pure modules.
class FakeNode {
  constructor(nodeType, nodeName) {
    this.nodeType = nodeType;
    this.nodeName = nodeName;
    this.parentNode = null;
    this.childNodes = [];
  }
  get firstChild() {
    return this.childNodes[0] || null;
  }
  get nextSibling() {
    if (!this.parentNode) return null;
    const siblings = this.parentNode.childNodes;
    return siblings[siblings.indexOf(this) + 1] || null;
  }
}

class FakeText extends FakeNode {
  constructor(data) {
    super(3, '#text');
    this.data = data;
  }
}

class FakeElement extends FakeNode {
  constructor(tag, attrs = {}) {
    super(1, tag.toUpperCase());
    this.attrs = { ...attrs };
    const names = (attrs.class || '').split(/\s+/).filter(Boolean);
    this.classList = { contains: (c) => names.includes(c) };
    this.style = attrs.style === 'display:none' ? { display: 'none' } : {};
  }
  getAttribute(name) {
    return name in this.attrs ? this.attrs[name] : null;
  }
}

// h('div', {class: 'x'}, 'text', h('b', {}, 'bold'), ...) builds a tree; strings become text nodes.
function h(tag, attrs, ...children) {
  const el = new FakeElement(tag, attrs || {});
  for (const c of children) {
    const node = typeof c === 'string' ? new FakeText(c) : c;
    node.parentNode = el;
    el.childNodes.push(node);
  }
  return el;
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

module.exports = { h, textBetween };
