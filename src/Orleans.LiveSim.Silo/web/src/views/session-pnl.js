// P&L by hour, day or week of the feed's time (GET /pnl), read when the view opens, when the period changes and after
// bets settle (at most every few seconds while the session runs).
import { api } from '../api.js';
import { el, setText } from '../dom.js';
import * as fmt from '../format.js';

const refreshAtMostEveryMs = 3000;

function periodLabel(start, interval) {
  const iso = new Date(start).toISOString();
  if (interval === 'hour') { return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`; }
  return interval === 'week' ? `week of ${iso.slice(0, 10)}` : iso.slice(0, 10);
}

export function createPnlTable($, id, token) {
  const select = $('pnl-interval');
  const abort = new AbortController();
  let last = 0;
  let timer = 0;

  async function load() {
    clearTimeout(timer);
    timer = 0;
    last = Date.now();
    const interval = select.value;
    try {
      const report = await api.pnl(id, token, interval, abort.signal);
      if (select.value !== interval) { return; }
      $('pnl-rows').replaceChildren(...report.periods.map((p) => el('tr', {},
        el('td', { class: 'nowrap', text: periodLabel(p.start, interval) }),
        el('td', { class: 'num', text: fmt.count(p.betsPlaced) }),
        el('td', { class: 'num', text: `${fmt.count(p.betsWon)} / ${fmt.count(p.betsLost)}` }),
        el('td', { class: `num ${fmt.trend(p.netPnl)}`, text: fmt.signedAmount(p.netPnl) }),
        el('td', { class: 'num', text: fmt.amount(p.equity) }))));
      $('pnl-empty').hidden = report.periods.length > 0;
      setText($('pnl-title'), `P&L by ${interval}`);
    } catch (e) {
      if (e.name !== 'AbortError') { setText($('pnl-empty'), `Could not read the P&L: ${e.message}`); $('pnl-empty').hidden = false; }
    }
  }

  select.addEventListener('change', load);
  return {
    load,
    /** Reads again soon (bets settled), at most every few seconds. */
    soon() {
      if (timer) { return; }
      timer = setTimeout(load, Math.max(0, last + refreshAtMostEveryMs - Date.now()));
    },
    destroy() {
      abort.abort();
      clearTimeout(timer);
    },
  };
}
