/** Escapes text for SVG character data and attribute values. */
function xml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** Splits a title into at most three lines of about `width` characters, on word boundaries. */
export function badgeLines(title: string, width = 18): string[] {
  const lines: string[] = [];
  for (const word of title.trim().split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && (last + ' ' + word).length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= 3) return lines;
  return [
    ...lines.slice(0, 2),
    `${lines
      .slice(2)
      .join(' ')
      .slice(0, width - 1)}…`,
  ];
}

/**
 * The achievement's image: a round badge with the course or summer school's title, generated so
 * every achievement has one without anyone drawing it. `kind` picks the colour and the ribbon.
 */
export function badgeSvg(title: string, kind: 'course' | 'cohort', issuer: string): string {
  const colour = kind === 'course' ? '#1d5f8a' : '#8a4b1d';
  const ribbon = kind === 'course' ? 'COURSE' : 'SUMMER SCHOOL';
  const lines = badgeLines(title);
  const top = 200 - (lines.length - 1) * 14;
  const text = lines.map((line, i) => `<text x="200" y="${top + i * 28}" class="t">${xml(line)}</text>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" role="img" aria-label="${xml(title)}">
<title>${xml(title)}</title>
<style>.t{font:bold 22px 'DejaVu Sans',sans-serif;fill:#fff;text-anchor:middle}.s{font:13px 'DejaVu Sans',sans-serif;fill:#fff;text-anchor:middle;letter-spacing:2px}</style>
<circle cx="200" cy="200" r="190" fill="${colour}"/>
<circle cx="200" cy="200" r="170" fill="none" stroke="#fff" stroke-width="4"/>
<text x="200" y="110" class="s">${ribbon}</text>
${text}
<text x="200" y="305" class="s">${xml(issuer.toUpperCase().slice(0, 28))}</text>
</svg>
`;
}
