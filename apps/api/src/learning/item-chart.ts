import type { ItemStats } from '@karvan/domain';
import { escapeXml, svgFigure } from '../common/svg.js';

/** The axes' names and numbers in the reader's language. */
export interface ChartAxes {
  x: string;
  y: string;
  number: (value: number) => string;
}

/**
 * Facility against discrimination, one dot per question numbered as in the quiz, as plain SVG.
 * The band where a question works (facility 0.2–0.9, discrimination at least 0.2) is shaded, so a
 * flagged question stands outside it.
 */
export function itemChartSvg(id: string, title: string, items: ItemStats[], axes: ChartAxes): string {
  const width = 420;
  const height = 300;
  const left = 50;
  const bottom = 250;
  const plotWidth = 350;
  const plotHeight = 220;
  const x = (facility: number) => left + facility * plotWidth;
  const y = (discrimination: number) => bottom - ((discrimination + 1) / 2) * plotHeight;
  const band =
    `<rect x="${x(0.2)}" y="${y(1)}" width="${x(0.9) - x(0.2)}" height="${y(0.2) - y(1)}" fill="#e3f1f6"></rect>` +
    `<line x1="${left}" y1="${bottom}" x2="${left + plotWidth}" y2="${bottom}" stroke="#333"></line>` +
    `<line x1="${left}" y1="${bottom}" x2="${left}" y2="${bottom - plotHeight}" stroke="#333"></line>` +
    `<line x1="${left}" y1="${y(0)}" x2="${left + plotWidth}" y2="${y(0)}" stroke="#999" stroke-dasharray="4 3"></line>`;
  const ticks = [0, 0.5, 1]
    .map(
      (t) =>
        `<text x="${x(t)}" y="${bottom + 16}" text-anchor="middle" font-size="11">${axes.number(t)}</text>` +
        `<text x="${left - 6}" y="${y(t * 2 - 1) + 4}" text-anchor="end" font-size="11">${axes.number(t * 2 - 1)}</text>`,
    )
    .join('');
  const labels =
    `<text x="${left + plotWidth / 2}" y="${height - 8}" text-anchor="middle" font-size="11">${escapeXml(axes.x)}</text>` +
    `<text x="12" y="${bottom - plotHeight / 2}" text-anchor="middle" font-size="11" transform="rotate(-90 12 ${bottom - plotHeight / 2})">${escapeXml(axes.y)}</text>`;
  const dots = items
    .filter((item) => item.facility !== null && item.discrimination !== null)
    .map((item) => {
      const cx = x(item.facility!);
      const cy = y(item.discrimination!);
      const fill = item.flags.length ? '#b3261e' : '#0b5e7e';
      return (
        `<circle cx="${cx}" cy="${cy}" r="9" fill="${fill}"><title>${escapeXml(`${item.number}`)}</title></circle>` +
        `<text x="${cx}" y="${cy + 4}" text-anchor="middle" font-size="10" fill="#fff">${item.number}</text>`
      );
    })
    .join('');
  return svgFigure(id, title, width, height, band + ticks + labels + dots);
}
