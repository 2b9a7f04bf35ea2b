// The session's bets from its ledger (GET /bets, a page at a time): every bet placed or skipped, including those a
// fast replay settled before the page connected, which the live stream never showed it. Rows come oldest first; the
// first pages load by themselves, past autoLoadRows a button loads more. Once the last page is loaded, tail() reads
// again from the oldest open bet, so open bets turn won or lost and new bets are appended.
import { api } from '../api.js';
import { el, setText } from '../dom.js';
import * as fmt from '../format.js';

const pageSize = 200;
const autoLoadRows = 2000;

function cells(row) {
  const skipped = row.outcome === 'skipped';
  return [
    row.gameId,
    skipped ? `skipped #${row.scheduleIndex}` : `#${row.betId}`,
    skipped ? (row.targetTick === null || row.targetTick === undefined ? '–' : `at ${row.targetTick}`) : `${row.startTick}–${row.endTick}`,
    skipped ? '–' : fmt.amount(row.stake, 3),
    skipped ? '–' : fmt.price(row.entryPrice),
    skipped ? `skipped (${row.reason})` : row.outcome + (row.rugTick === null || row.rugTick === undefined ? '' : `, rug ${row.rugTick}`),
    row.returned === null || row.returned === undefined ? '–' : fmt.amount(row.returned),
    fmt.amount(row.balanceAfter),
  ];
}

const numeric = new Set([2, 3, 4, 6, 7]);

/**
 * $: the view's element finder; onRows(rows) is told of every row read (to mark the price chart). Returns
 * { start(), tail(), destroy() }; tail() may be called often (it runs one read at a time and coalesces).
 */
export function createLedgerList($, id, token, onRows) {
  const body = $('ledger-rows');
  const more = $('ledger-more');
  const rows = new Map();
  const trs = new Map();
  const abort = new AbortController();
  let cursor = 0;
  let atEnd = false;
  let complete = true;
  let running = null;
  let again = false;

  function upsert(row) {
    rows.set(row.eventSeq, row);
    let tr = trs.get(row.eventSeq);
    if (!tr) {
      tr = el('tr', { dataset: { seq: String(row.eventSeq) } }, ...cells(row).map((_, i) => el('td', { class: numeric.has(i) ? 'num' : null })));
      trs.set(row.eventSeq, tr);
      body.append(tr);
    }
    tr.className = row.outcome;
    cells(row).forEach((text, i) => setText(tr.children[i], text));
  }

  function render() {
    $('ledger-empty').hidden = rows.size > 0;
    more.hidden = atEnd;
    const placed = [...rows.values()].filter((r) => r.outcome !== 'skipped').length;
    const note = complete ? '' : ' (the oldest rows were dropped by the in-memory ledger)';
    setText($('ledger-summary'), `${fmt.count(placed)} bets, ${fmt.count(rows.size - placed)} skipped${atEnd ? '' : ', more to load'}${note}`);
    body.closest('.ledger-card').dataset.rows = String(rows.size);
    body.closest('.ledger-card').dataset.loaded = String(atEnd);
  }

  async function readFrom(after) {
    const page = await api.ledger(id, token, { after, limit: pageSize, signal: abort.signal });
    complete = page.complete;
    page.bets.forEach(upsert);
    onRows(page.bets);
    return page;
  }

  // Pages forward from the cursor: all of them up to autoLoadRows (or one more when asked).
  async function loadPages(limitRows) {
    while (!atEnd && rows.size < limitRows) {
      const page = await readFrom(cursor);
      if (page.bets.length) { cursor = page.bets[page.bets.length - 1].eventSeq; }
      atEnd = page.next === null || page.next === undefined;
    }
  }

  // Re-reads from the oldest open bet (open rows change when they settle), then every page after it.
  async function readTail() {
    const open = [...rows.values()].filter((r) => r.outcome === 'open').map((r) => r.eventSeq);
    let after = open.length ? Math.min(...open) - 1 : cursor;
    for (;;) {
      const page = await readFrom(after);
      if (page.bets.length) { after = page.bets[page.bets.length - 1].eventSeq; cursor = Math.max(cursor, after); }
      if (page.next === null || page.next === undefined) { return; }
    }
  }

  function run(work) {
    if (running) { again = true; return running; }
    running = (async () => {
      try {
        await work();
        while (again) {
          again = false;
          if (atEnd) { await readTail(); }
        }
      } catch (e) {
        if (e.name !== 'AbortError') { setText($('ledger-summary'), `Could not read the ledger: ${e.message}`); }
      } finally {
        running = null;
        if (!abort.signal.aborted) { render(); }
      }
    })();
    return running;
  }

  more.addEventListener('click', () => run(() => loadPages(rows.size + pageSize)));
  return {
    start: () => run(() => loadPages(autoLoadRows)),
    /** New ledger rows may exist (a bet was placed, settled or skipped): read them, once the list holds the end. */
    tail: () => (running || atEnd ? run(readTail) : null),
    destroy: () => abort.abort(),
  };
}
