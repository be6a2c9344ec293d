// DOM plumbing shared by the widget's parts: an element builder and the stylesheet.

import { CSS } from './styles.js';

export function el(doc, tag, props = {}, children = []) {
  const node = doc.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children);
  return node;
}

const styledDocuments = new WeakSet();

/** tact.css (as styles.js), once per document: a constructable sheet passes a strict CSP. */
export function installStyle(doc) {
  if (styledDocuments.has(doc)) return;
  styledDocuments.add(doc);
  if ('adoptedStyleSheets' in doc && typeof CSSStyleSheet === 'function') {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      return;
    } catch {
      // fall back to a <style> element
    }
  }
  const style = doc.createElement('style');
  style.textContent = CSS;
  doc.head.append(style);
}
