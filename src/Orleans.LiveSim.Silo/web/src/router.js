// Hash routes (#/, #/sessions/{id}, #/watch/{id}/{viewer token}, #/sweeps, #/sweeps/{id}, #/watch/sweep/{id}/{viewer
// token}): a reload or a bookmark
// re-opens the same view, and the silo serves one page. One view is mounted at a time; leaving it destroys it (streams,
// timers, charts).
import { mountBoard } from './views/board.js';
import { mountSession } from './views/session.js';
import { mountSweep } from './views/sweep.js';
import { mountSweeps } from './views/sweeps.js';

const routes = [
  { pattern: /^#?\/?$/, mount: (root) => mountBoard(root) },
  { pattern: /^#\/sessions\/([^/?#]+)$/, mount: (root, [id]) => mountSession(root, decodeURIComponent(id)) },
  // A read-only share link: the viewer token rides in the fragment, which the browser never sends to the silo.
  { pattern: /^#\/watch\/([^/?#]+)\/([^/?#]+)$/, mount: (root, [id, token]) => mountSession(root, decodeURIComponent(id), decodeURIComponent(token)) },
  { pattern: /^#\/sweeps\/?$/, mount: (root) => mountSweeps(root) },
  { pattern: /^#\/sweeps\/([^/?#]+)$/, mount: (root, [id]) => mountSweep(root, decodeURIComponent(id)) },
  // A sweep's read-only share link: its viewer token also opens every variant, read-only.
  { pattern: /^#\/watch\/sweep\/([^/?#]+)\/([^/?#]+)$/, mount: (root, [id, token]) => mountSweep(root, decodeURIComponent(id), decodeURIComponent(token)) },
];

export function startRouter(root) {
  let current = null;
  let first = true;
  const show = () => {
    current?.destroy();
    root.replaceChildren();
    const hash = location.hash || '#/';
    const route = routes.map((r) => ({ r, m: r.pattern.exec(hash) })).find((x) => x.m);
    current = route ? route.r.mount(root, route.m.slice(1)) : mountBoard(root);
    // Moving focus to the new view's heading tells keyboard and screen-reader users the page changed.
    if (!first) {
      root.querySelector('h1')?.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
    first = false;
  };
  window.addEventListener('hashchange', show);
  show();
}
