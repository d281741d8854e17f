import { badgeLines, badgeSvg } from './badge-image.js';

describe('the generated achievement badge', () => {
  it('wraps a title on words into at most three lines', () => {
    expect(badgeLines('Border management basics')).toEqual(['Border management', 'basics']);
    expect(badgeLines('one two three four five six seven eight nine ten eleven twelve', 10)).toHaveLength(3);
  });

  it('escapes the title and names it for screen readers', () => {
    const svg = badgeSvg('Law & <Order> "Ağa"', 'course', 'Karvan');
    expect(svg).toContain('<title>Law &amp; &lt;Order&gt; &quot;Ağa&quot;</title>');
    expect(svg).not.toContain('<Order>');
    expect(svg).toContain('COURSE');
    expect(badgeSvg('X', 'cohort', 'Karvan')).toContain('SUMMER SCHOOL');
  });
});
