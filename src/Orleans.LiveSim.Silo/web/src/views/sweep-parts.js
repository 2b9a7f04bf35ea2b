// Pieces the sweep views share: metric names, a grid axis or a variant's parameters as text, a link to a variant.
import { el } from '../dom.js';
import * as fmt from '../format.js';

export const metricNames = {
  netPnl: 'net P&L', roiPct: 'ROI', sharpe: 'Sharpe', maxDrawdownPct: 'max drawdown', winRatePct: 'win rate', profitFactor: 'profit factor',
};

/** Metrics where a lower value ranks higher. */
export const lowerIsBetter = new Set(['maxDrawdownPct']);

/** A parameter value as the sweep sends it (JSON: 10, [0.001], "kelly") as text. */
export const valueText = (v) => (Array.isArray(v) ? v.join('/') : String(v));

export const axisText = (axis) => `${axis.parameter} ${axis.values.map(valueText).join(', ')}`;

export const paramsText = (params) => Object.entries(params ?? {}).map(([k, v]) => `${k} ${valueText(v)}`).join(', ');

/** A metric value as the page shows it (percent metrics with a %). */
export function metricText(metric, value) {
  if (value === null || value === undefined) { return '–'; }
  if (metric === 'netPnl') { return fmt.signedAmount(value); }
  if (metric.endsWith('Pct')) { return fmt.percent(value); }
  return fmt.ratio(value);
}

/** A link that opens a variant's session (the sweep's token opens it). */
export function variantLink(variant, metric) {
  return el('a', { href: `#/sessions/${encodeURIComponent(variant.sessionId)}`, text: `#${variant.rank} ${paramsText(variant.params)}: ${metricText(metric, variant.metric)}` });
}
