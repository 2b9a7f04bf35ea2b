// A small equity line for a board row: no axes, no cursor; green when above the starting balance, red below.
import uPlot from 'uplot';
import { colors } from './chart.js';

export function createSparkline(container, width = 120, height = 32) {
  let plot = null;
  return {
    show(points, startingBalance) {
      const xs = points.map((p) => p.seq);
      const ys = points.map((p) => Number(p.equity));
      const last = ys.length ? ys[ys.length - 1] : Number(startingBalance);
      const stroke = last >= Number(startingBalance) ? colors.won : colors.lost;
      container.dataset.points = String(points.length);
      if (plot && plot.series[1].stroke() !== stroke) { plot.destroy(); plot = null; }
      if (!plot) {
        plot = new uPlot({
          width, height,
          padding: [2, 2, 2, 2],
          legend: { show: false },
          cursor: { show: false },
          select: { show: false },
          scales: { x: { time: false } },
          axes: [{ show: false }, { show: false }],
          series: [{}, { stroke, width: 1.5, points: { show: false } }],
        }, [xs, ys], container);
      } else {
        plot.setData([xs, ys]);
      }
    },
    destroy() { plot?.destroy(); plot = null; },
  };
}
