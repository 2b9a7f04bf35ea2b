// Equity over the feed's sequence numbers (stats.equityCurve or stats.gameEquityCurve of the view), with the
// starting balance as a reference line.
import uPlot from 'uplot';
import { axis, colors, mountChart, tooltipPlugin } from './chart.js';
import * as fmt from '../format.js';

// As many decimals as the axis step has (a step of 0.0025 labels 0.1025, not 0.102).
const decimalsOf = (step) => Math.min(8, (String(Number(Number(step).toPrecision(6))).split('.')[1] ?? '').length);

export function createEquityChart(container) {
  let start = 0;
  const opts = {
    padding: [12, 16, 0, 4],
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 7, fill: colors.equity } },
    scales: { x: { time: false } },
    axes: [axis('feed seq'), axis('equity', (u, values, axisIdx, space, increment) => values.map((v) => v.toFixed(decimalsOf(increment))), 72)],
    series: [
      {},
      // Equity changes only when a bet settles: a step, not a slope, between two points.
      { label: 'equity', stroke: colors.equity, width: 2, fill: colors.equityFill, points: { show: false }, paths: uPlot.paths.stepped({ align: 1 }) },
      { label: 'starting balance', stroke: colors.start, width: 1, dash: [6, 6], points: { show: false } },
    ],
    plugins: [tooltipPlugin((u, idx) => {
      const equity = u.data[1][idx];
      return [`seq ${u.data[0][idx]}`, `equity ${fmt.amount(equity)}`, `vs start ${fmt.signedAmount(equity - start)}`];
    })],
  };
  const chart = mountChart(container, 220, opts, [[], [], []]);
  return {
    /** points: [{seq, equity}] oldest first. */
    show(points, startingBalance) {
      start = Number(startingBalance);
      const xs = points.map((p) => p.seq);
      chart.plot.setData([xs, points.map((p) => Number(p.equity)), xs.map(() => start)]);
      container.dataset.points = String(points.length);
    },
    destroy: () => chart.destroy(),
  };
}
