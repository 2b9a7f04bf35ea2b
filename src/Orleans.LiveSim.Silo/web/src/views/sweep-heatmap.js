// The heatmap of a two-parameter sweep: a table with the first parameter's values as rows and the second's as columns;
// each cell is a variant (index = row x columns + column, the grid's order), coloured by the metric from worst (red)
// to best (green), with a link that opens the variant (variantHref(sessionId): its route, read-only on a shared sweep).
// Colours are set through the CSSOM (the CSP refuses style attributes, not style properties set by script).
import { el } from '../dom.js';
import { lowerIsBetter, metricText, valueText } from './sweep-parts.js';

function colour(t) {
  // t in [0, 1], 0 worst: hue from red (0) to green (130), brighter as it gets better.
  return `hsl(${Math.round(130 * t)}, 60%, ${Math.round(24 + 14 * t)}%)`;
}

export function renderHeatmap($, view, variants, variantHref) {
  const [rowsAxis, colsAxis] = view.grid;
  const byIndex = new Map(variants.map((v) => [v.index, v]));
  const values = variants.map((v) => v.metric).filter((m) => m !== null && m !== undefined).map(Number);
  const [min, max] = values.length ? [Math.min(...values), Math.max(...values)] : [0, 0];
  const scale = (m) => {
    const t = max === min ? 1 : (Number(m) - min) / (max - min);
    return lowerIsBetter.has(view.metric) ? 1 - t : t;
  };
  const table = $('heatmap');
  table.replaceChildren(
    el('caption', { class: 'visually-hidden', text: `${view.metric} by ${rowsAxis.parameter} (rows) and ${colsAxis.parameter} (columns)` }),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: `${rowsAxis.parameter} \\ ${colsAxis.parameter}` }),
      ...colsAxis.values.map((c) => el('th', { scope: 'col', class: 'num', text: valueText(c) })))),
    el('tbody', {}, ...rowsAxis.values.map((r, i) => el('tr', {},
      el('th', { scope: 'row', class: 'num', text: valueText(r) }),
      ...colsAxis.values.map((c, j) => {
        const index = i * colsAxis.values.length + j;
        const v = byIndex.get(index);
        const label = `${rowsAxis.parameter} ${valueText(r)}, ${colsAxis.parameter} ${valueText(c)}`;
        const td = el('td', { class: 'cell', dataset: { index: String(index) } },
          v ? el('a', { href: variantHref(v.sessionId), text: metricText(view.metric, v.metric), title: `${label}: rank ${v.rank}, ${v.status}`, 'aria-label': `${label}: ${metricText(view.metric, v.metric)}, rank ${v.rank}` }) : '–');
        if (v && v.metric !== null && v.metric !== undefined) { td.style.backgroundColor = colour(scale(v.metric)); }
        if (v) { td.dataset.metric = String(v.metric); }
        return td;
      })))));
  $('heatmap-scale').replaceChildren(
    el('span', { text: `worst ${metricText(view.metric, lowerIsBetter.has(view.metric) ? max : min)}` }),
    el('span', { class: 'heat-bar', 'aria-hidden': 'true' }),
    el('span', { text: `best ${metricText(view.metric, lowerIsBetter.has(view.metric) ? min : max)}` }));
}
