/** A self-contained SVG figure (no script), titled for screen readers. */
export function svgFigure(id: string, title: string, width: number, height: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${width} ${height}" ` +
    `width="${width}" height="${height}"><title id="${id}-title">${escapeXml(title)}</title>${body}</svg>`
  );
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
