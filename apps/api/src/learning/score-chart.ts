import { svgFigure } from '../common/svg.js';

/** A bar chart of how many trainees' best scores fall in each 10 % band, as plain SVG (no script). */
export function scoreChartSvg(id: string, title: string, buckets: number[]): string {
  const width = 420;
  const height = 160;
  const barWidth = 34;
  const gap = 6;
  const top = Math.max(1, ...buckets);
  const bars = buckets
    .map((count, i) => {
      const h = Math.round((count / top) * (height - 40));
      const x = 10 + i * (barWidth + gap);
      const y = height - 20 - h;
      return (
        `<rect x="${x}" y="${y}" width="${barWidth}" height="${h}" fill="#0b5e7e"></rect>` +
        `<text x="${x + barWidth / 2}" y="${y - 4}" text-anchor="middle" font-size="11">${count}</text>` +
        `<text x="${x + barWidth / 2}" y="${height - 6}" text-anchor="middle" font-size="10">${i * 10}</text>`
      );
    })
    .join('');
  return svgFigure(id, title, width, height, bars);
}
