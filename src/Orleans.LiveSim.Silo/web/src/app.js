// Orleans.LiveSim web page: the board of my sessions and one session at a time, live over SSE. Bundled with uPlot by
// esbuild at build time (build.mjs) into the silo's embedded static files; nothing is loaded from elsewhere.
import { byId, setText } from './dom.js';
import { startRouter } from './router.js';
import { api } from './api.js';

async function showFeedStatus() {
  const status = byId(document, 'feed-status');
  try {
    const feeds = await api.feeds();
    const demo = feeds.find((f) => f.feedId === 'demo') ?? feeds[0];
    setText(status, demo ? `feed ${demo.feedId}: ${demo.state}, seq ${demo.lastSeq}` : 'no feed');
    status.className = `pill state-${demo?.state ?? 'none'}`;
  } catch {
    setText(status, 'silo unreachable');
    status.className = 'pill state-disconnected';
  }
}

startRouter(byId(document, 'view'));
showFeedStatus();
setInterval(showFeedStatus, 10000);
