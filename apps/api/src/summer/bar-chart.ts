import { escapeXml, svgFigure } from '../common/svg.js';

/** A horizontal bar chart as plain SVG (no script); a table beside it carries the same figures. */
export function barChartSvg(
  id: string,
  title: string,
  bars: Array<{ label: string; value: number }>,
  max?: number,
): string {
  const rowHeight = 22;
  const width = 520;
  const labelWidth = 230;
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(1, bars.length) * rowHeight + 10;
  const rows = bars
    .map((bar, i) => {
      const y = 5 + i * rowHeight;
      const w = Math.round((bar.value / top) * (width - labelWidth - 50));
      return (
        `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end" font-size="12">${escapeXml(shorten(bar.label, 34))}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowHeight - 8}" fill="#0b5e7e"></rect>` +
        `<text x="${labelWidth + w + 6}" y="${y + 15}" font-size="12">${bar.value}</text>`
      );
    })
    .join('');
  return svgFigure(id, title, width, height, rows);
}

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
