// A tiny DOM for rendering the report in Node without a browser: elements, text nodes,
// attributes, listeners. Anything that would parse HTML (innerHTML and the like) throws, so a
// test passing on it proves the renderer builds the page from text nodes only.

class Node {
  constructor(doc) {
    this.ownerDocument = doc;
    this.parentNode = null;
    this.childNodes = [];
  }

  get firstChild() {
    return this.childNodes[0] ?? null;
  }

  appendChild(child) {
    if (child.parentNode) child.parentNode.removeChild(child);
    child.parentNode = this;
    this.childNodes.push(child);
    return child;
  }

  append(...children) {
    for (const c of children) this.appendChild(typeof c === 'string' ? this.ownerDocument.createTextNode(c) : c);
  }

  removeChild(child) {
    const i = this.childNodes.indexOf(child);
    if (i < 0) throw new Error('not a child');
    this.childNodes.splice(i, 1);
    child.parentNode = null;
    return child;
  }

  get textContent() {
    return this.childNodes.map((c) => c.textContent).join('');
  }
}

class Text extends Node {
  constructor(doc, data) {
    super(doc);
    this.data = data;
  }

  get textContent() {
    return this.data;
  }
}

const forbidden = (name) => ({
  get() { throw new Error(`fake-dom: ${name} used`); },
  set() { throw new Error(`fake-dom: ${name} used`); },
});

export class Element extends Node {
  constructor(doc, tagName) {
    super(doc);
    this.tagName = tagName.toUpperCase();
    this.attributes = new Map();
    this.listeners = new Map();
    this.classList = {
      add: (...names) => {
        const set = new Set((this.getAttribute('class') ?? '').split(/\s+/).filter(Boolean));
        for (const n of names) set.add(n);
        this.setAttribute('class', [...set].join(' '));
      },
      contains: (name) => (this.getAttribute('class') ?? '').split(/\s+/).includes(name),
    };
  }

  set textContent(value) {
    for (const c of [...this.childNodes]) this.removeChild(c);
    this.appendChild(this.ownerDocument.createTextNode(String(value)));
  }

  get textContent() {
    return super.textContent;
  }

  setAttribute(name, value) {
    if (/^on/i.test(name)) throw new Error(`fake-dom: inline handler attribute ${name}`);
    if (name === 'style') throw new Error('fake-dom: style attribute (refused by a strict CSP)');
    this.attributes.set(name, String(value));
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }

  hasAttribute(name) {
    return this.attributes.has(name);
  }

  removeAttribute(name) {
    this.attributes.delete(name);
  }

  addEventListener(type, listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, []);
    this.listeners.get(type).push(listener);
  }

  /** Calls the listeners of `type` (no bubbling: enough for the report's buttons). */
  dispatch(type) {
    for (const l of this.listeners.get(type) ?? []) l({ type, target: this, currentTarget: this });
  }

  get children() {
    return this.childNodes.filter((c) => c instanceof Element);
  }

  /** Every descendant element matching `test(element)`, in document order. */
  findAll(test) {
    const out = [];
    const walk = (node) => {
      for (const c of node.children) {
        if (test(c)) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }

  find(test) {
    return this.findAll(test)[0] ?? null;
  }
}
for (const name of ['innerHTML', 'outerHTML']) Object.defineProperty(Element.prototype, name, forbidden(name));
Element.prototype.insertAdjacentHTML = () => { throw new Error('fake-dom: insertAdjacentHTML used'); };

export class Document {
  constructor() {
    this.documentElement = new Element(this, 'html');
  }

  createElement(tag) {
    return new Element(this, tag);
  }

  createElementNS(_ns, tag) {
    return new Element(this, tag);
  }

  createTextNode(data) {
    return new Text(this, String(data));
  }

  write() {
    throw new Error('fake-dom: document.write used');
  }
}
