// Builds DOM from data without ever parsing HTML: text goes in as text nodes, attributes by name. Server and user text
// (recording names, session ids, error messages) therefore can never become markup or script.

/**
 * Creates an element. props: class, text, on<event> handlers, dataset, hidden/disabled/... booleans, other attributes.
 * Children: nodes or strings (strings become text nodes); null/false are skipped.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) { continue; }
    if (key === 'class') { node.className = value; }
    else if (key === 'text') { node.textContent = String(value); }
    else if (key === 'dataset') { Object.assign(node.dataset, value); }
    else if (key.startsWith('on') && typeof value === 'function') { node.addEventListener(key.slice(2), value); }
    else if (key === 'style') { throw new Error('inline style attributes are refused by the CSP: use a class'); }
    else { node.setAttribute(key, value === true ? '' : String(value)); }
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false).map((c) => (c instanceof Node ? c : String(c))));
  return node;
}

/** A fresh copy of one of index.html's templates (our own static markup, never data). */
export function fromTemplate(id) {
  return document.getElementById(id).content.firstElementChild.cloneNode(true);
}

/** The element of root with this id (views are mounted one at a time, so ids stay unique). */
export function byId(root, id) {
  const found = root.querySelector(`#${id}`);
  if (!found) { throw new Error(`#${id} is missing from the view`); }
  return found;
}

/** Sets text only when it changed (live ticks arrive many times a second). */
export function setText(node, text) {
  const value = String(text);
  if (node.textContent !== value) { node.textContent = value; }
}
