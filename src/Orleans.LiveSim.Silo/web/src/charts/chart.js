// uPlot, sized to its container (and resized with it), with the page's dark theme and a text-only tooltip.
import uPlot from 'uplot';
import { el } from '../dom.js';

export const colors = {
  text: '#9aa6b2',
  grid: '#232b35',
  price: '#5b8def',
  equity: '#4cd97b',
  equityFill: 'rgba(76, 217, 123, 0.10)',
  start: '#9aa6b2',
  open: '#5b8def',
  won: '#4cd97b',
  lost: '#ff6b6b',
  voided: '#f0b429',
  rug: '#ff6b6b',
};

/** An axis in the page's colours; label is the axis title, size its width or height in px (room for the labels). */
export function axis(label, values, size) {
  return {
    label,
    ...(size ? { size } : {}),
    stroke: colors.text,
    labelFont: '12px system-ui, sans-serif',
    font: '11px system-ui, sans-serif',
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.grid, width: 1 },
    ...(values ? { values } : {}),
  };
}

/**
 * A tooltip inside the chart's overlay. lines(u, idx) returns the lines for the data index under the cursor (or an
 * empty list to hide it). Its text is set with textContent and its position through the CSSOM (the CSP forbids
 * style attributes, not style properties set by script).
 */
export function tooltipPlugin(lines) {
  let box;
  return {
    hooks: {
      init: (u) => {
        box = el('div', { class: 'chart-tooltip', role: 'tooltip', hidden: true });
        u.over.append(box);
        u.over.addEventListener('mouseleave', () => { box.hidden = true; });
      },
      setCursor: (u) => {
        const { idx, left, top } = u.cursor;
        const text = idx === null || idx === undefined || left < 0 ? [] : lines(u, idx);
        if (text.length === 0) { box.hidden = true; return; }
        box.replaceChildren(...text.map((t) => el('div', { text: t })));
        box.hidden = false;
        const flip = left > u.over.clientWidth / 2;
        box.style.left = `${flip ? left - box.offsetWidth - 12 : left + 12}px`;
        box.style.top = `${Math.max(0, Math.min(top, u.over.clientHeight - box.offsetHeight))}px`;
      },
    },
  };
}

/** Creates a uPlot in container at its width; returns it with destroy(), which also stops following the size. */
export function mountChart(container, height, opts, data) {
  const width = () => Math.max(160, Math.floor(container.clientWidth));
  const plot = new uPlot({ ...opts, width: width(), height }, data, container);
  const observer = new ResizeObserver(() => {
    if (Math.abs(plot.width - width()) >= 1) { plot.setSize({ width: width(), height }); }
  });
  observer.observe(container);
  return {
    plot,
    destroy() {
      observer.disconnect();
      plot.destroy();
    },
  };
}
