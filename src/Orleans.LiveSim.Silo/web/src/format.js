// Number formats of the page. Money arrives as JSON numbers of decimals (0.103); it is shown, never computed with.
const dash = '–';

const isNone = (x) => x === null || x === undefined || Number.isNaN(Number(x));

export const amount = (x, digits = 4) => (isNone(x) ? dash : Number(x).toFixed(digits));

export const signedAmount = (x, digits = 4) => (isNone(x) ? dash : `${Number(x) > 0 ? '+' : ''}${Number(x).toFixed(digits)}`);

export const percent = (x, digits = 2) => (isNone(x) ? dash : `${Number(x).toFixed(digits)} %`);

export const signedPercent = (x, digits = 2) => (isNone(x) ? dash : `${Number(x) > 0 ? '+' : ''}${Number(x).toFixed(digits)} %`);

export const ratio = (x, digits = 2) => (isNone(x) ? dash : Number(x).toFixed(digits));

export const count = (x) => (isNone(x) ? dash : Number(x).toLocaleString('en-US'));

export const price = (x) => (isNone(x) ? dash : `${Number(x).toFixed(3)}x`);

export const shortId = (id) => String(id).slice(0, 8);

/** Net P&L relative to the starting balance, in percent. */
export const pnlPercent = (netPnl, startingBalance) => (Number(startingBalance) > 0 ? (Number(netPnl) / Number(startingBalance)) * 100 : null);

/** 'up', 'down' or '' for colouring a signed value. */
export const trend = (x) => (isNone(x) || Number(x) === 0 ? '' : Number(x) > 0 ? 'up' : 'down');

/** A moment in the browser's time zone: the time alone today, else the date and time. */
export function time(iso) {
  if (!iso) { return dash; }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) { return dash; }
  const today = d.toDateString() === new Date().toDateString();
  return today ? d.toLocaleTimeString('en-GB') : d.toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' });
}
