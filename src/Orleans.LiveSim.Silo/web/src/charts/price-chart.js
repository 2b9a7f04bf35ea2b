// The current round's price by tick, with the session's bets drawn on it: each bet's 40-tick window shaded from its
// start tick to its end tick, a marker where it was placed (colour: open, won, lost, voided), and the rug tick.
import { axis, colors, mountChart, tooltipPlugin } from './chart.js';
import * as fmt from '../format.js';

const windowFill = {
  open: 'rgba(91, 141, 239, 0.16)',
  won: 'rgba(76, 217, 123, 0.18)',
  lost: 'rgba(255, 107, 107, 0.14)',
  voided: 'rgba(240, 180, 41, 0.14)',
};

function drawBets(u, round) {
  if (!round) { return; }
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const px = devicePixelRatio || 1;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  for (const bet of round.bets.values()) {
    const outcome = bet.outcome ?? 'open';
    const x0 = u.valToPos(bet.startTick, 'x', true);
    const x1 = u.valToPos(bet.endTick, 'x', true);
    ctx.fillStyle = windowFill[outcome] ?? windowFill.open;
    ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
    const y = u.valToPos(Number(bet.entryPrice ?? 1), 'y', true);
    const r = 6 * px;
    ctx.fillStyle = colors[outcome] ?? colors.open;
    ctx.beginPath();
    ctx.moveTo(x0, y - r);
    ctx.lineTo(x0 - r * 0.8, y + r * 0.6);
    ctx.lineTo(x0 + r * 0.8, y + r * 0.6);
    ctx.closePath();
    ctx.fill();
  }
  if (round.rugTick !== null && round.rugTick !== undefined) {
    const x = u.valToPos(round.rugTick, 'x', true);
    ctx.strokeStyle = colors.rug;
    ctx.lineWidth = 2 * px;
    ctx.setLineDash([5 * px, 4 * px]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
  }
  ctx.restore();
}

function betsAt(round, tick) {
  return [...round.bets.values()].filter((b) => b.startTick <= tick && tick < b.endTick);
}

export function createPriceChart(container) {
  let round = null;
  const lastX = () => {
    if (!round) { return 10; }
    const ends = [...round.bets.values()].map((b) => b.endTick);
    return Math.max(10, round.ticks.length ? round.ticks[round.ticks.length - 1] : 0, round.rugTick ?? 0, ...ends);
  };
  const opts = {
    padding: [12, 16, 0, 4],
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 7, fill: colors.price } },
    scales: {
      x: { time: false, range: () => [0, lastX()] },
      y: { range: (u, min, max) => [0, Math.max(2, (max ?? 1) * 1.1)] },
    },
    axes: [axis('tick'), axis('price', (u, values) => values.map((v) => `${v}x`))],
    series: [{}, { label: 'price', stroke: colors.price, width: 2, points: { show: false } }],
    hooks: { draw: [(u) => drawBets(u, round)] },
    plugins: [tooltipPlugin((u, idx) => {
      const tick = u.data[0][idx];
      return [`tick ${tick}`, `price ${fmt.price(u.data[1][idx])}`,
        ...betsAt(round, tick).map((b) => `bet #${b.betId} ${b.outcome ?? 'open'}, stake ${b.stake}, ticks ${b.startTick}–${b.endTick}`),
        ...(round.rugTick === tick ? ['rug'] : [])];
    })],
  };
  const chart = mountChart(container, 260, opts, [[], []]);
  return {
    /** Draws this round (a Round of session/model.js). */
    show(next) {
      round = next;
      chart.plot.setData([next.ticks, next.prices]);
      container.dataset.points = String(next.ticks.length);
      container.dataset.bets = String(next.bets.size);
      container.dataset.gameId = next.gameId ?? '';
    },
    destroy: () => chart.destroy(),
  };
}
