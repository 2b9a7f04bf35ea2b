// "Share read-only link" on a session or a sweep: mints a viewer token and shows a link that carries it in the URL's
// #fragment, which browsers never send to a server. The view's template holds the button and the share box (share-box,
// share-link, share-copy, share-note).
import { setText } from '../dom.js';

/** mint(): the API call that mints a viewer token ({ viewerId, token }); linkFor(token): the link's #fragment. */
export function wireShareLink($, button, { mint, linkFor, onError }) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const viewer = await mint();
      $('share-box').hidden = false;
      $('share-link').value = `${location.origin}${location.pathname}${linkFor(viewer.token)}`;
      setText($('share-note'), `Viewer ${viewer.viewerId}: the link is shown this once.`);
      $('share-link').select();
    } catch (err) {
      onError(err);
    } finally {
      button.disabled = false;
    }
  });
  $('share-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('share-link').value);
      setText($('share-note'), 'Copied.');
    } catch {
      $('share-link').select();
      setText($('share-note'), 'Select the link and copy it (the browser refused the clipboard).');
    }
  });
}
