import { parseForm as parseFormText } from '@karvan/domain';
import { FORM, RUBRIC, makeCohort, person } from './summer-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

/** The builder as a browser posts it: indexed inputs per row, the pressed button as `step`. */
function builderBody(rows: Array<Record<string, string>>, step: string): Record<string, string> {
  const body: Record<string, string> = { rows: String(rows.length), step };
  rows.forEach((row, i) => {
    for (const [name, value] of Object.entries(row)) body[`${name}-${i}`] = value;
  });
  return body;
}

describe('the application form and rubric builders', () => {
  let t: TestApp;
  let coordinator: Awaited<ReturnType<typeof person>>;
  let cohortId: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await person(t, ['trainee', 'coordinator'], 'Builder Coordinator');
    cohortId = await makeCohort(coordinator.client);
  });
  afterAll(() => t.close());

  const sources = async () =>
    (
      await t.db.query<Array<{ form_source: string; rubric_source: string; form: unknown; rubric: unknown }>>(
        'SELECT form_source, rubric_source, form, rubric FROM cohorts WHERE id = $1',
        [cohortId],
      )
    )[0];

  it('shows the saved form as rows, and the same form as text', async () => {
    const page = await coordinator.client.get(`/cohorts/${cohortId}/builder/form`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="Why do you want to attend?"');
    expect(page.text).toContain('<option value="single" selected>One choice</option>');
    expect(page.text).toContain('Under a year\nOne to three years\nMore</textarea>');
    // The text export reads back to exactly the saved fields.
    const exported = /<textarea id="builder-text" name="text"[^>]*>([^<]*)<\/textarea>/.exec(page.text)![1];
    const unescaped = exported
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"');
    expect(parseFormText(unescaped).fields).toEqual(parseFormText(FORM).fields);
  });

  it('adds, moves and removes rows through redirects, then saves what the rows say', async () => {
    const rows: Array<Record<string, string>> = [
      { key: 'motivation', label: 'Why do you want to attend?', type: 'long', required: 'true', options: '' },
      { key: 'level', label: 'Your experience', type: 'single', options: 'Under a year\nMore' },
    ];
    const added = await coordinator.client.postForm(`/cohorts/${cohortId}/builder/form`, builderBody(rows, 'add'));
    expect(added.status).toBe(303);
    expect(added.location).toMatch(new RegExp(`^/cohorts/${cohortId}/builder/form\\?draft=`));
    const draft = await coordinator.client.get(added.location!);
    expect(draft.text).toContain('id="row-3"');
    expect(draft.text).toContain('not saved yet');
    // Loading the result again adds nothing more.
    expect((await coordinator.client.get(added.location!)).text).not.toContain('id="row-4"');

    const withNew: Array<Record<string, string>> = [
      ...rows,
      { key: 'position', label: 'Your position', type: 'short', required: 'true', options: '' },
    ];
    const moved = await coordinator.client.postForm(`/cohorts/${cohortId}/builder/form`, builderBody(withNew, 'up-2'));
    const movedPage = await coordinator.client.get(moved.location!);
    expect(movedPage.text.indexOf('value="Your position"')).toBeLessThan(
      movedPage.text.indexOf('value="Your experience"'),
    );
    const removed = await coordinator.client.postForm(
      `/cohorts/${cohortId}/builder/form`,
      builderBody(withNew, 'remove-0'),
    );
    expect((await coordinator.client.get(removed.location!)).text).not.toContain('value="Why do you want to attend?"');

    const saved = await coordinator.client.postForm(
      `/cohorts/${cohortId}/builder/form`,
      builderBody([withNew[2], withNew[1], withNew[0]], 'save'),
    );
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/cohorts/${cohortId}/builder/form?notice=saved`);
    const { form_source, form } = await sources();
    expect(form_source).toBe(
      '*short: position | Your position\nsingle: level | Your experience | Under a year; More\n*long: motivation | Why do you want to attend?',
    );
    expect(form).toEqual(parseFormText(form_source).fields);
    expect((await coordinator.client.get(saved.location!)).text).toContain('Saved.');
  });

  it('refuses rows with problems, names the row, and keeps what was typed', async () => {
    const before = (await sources()).form_source;
    const res = await coordinator.client.postForm(
      `/cohorts/${cohortId}/builder/form`,
      builderBody(
        [
          { key: 'ok_key', label: 'Fine', type: 'short', options: '' },
          { key: 'Bad Key', label: 'Typed label', type: 'single', options: 'Only one' },
        ],
        'save',
      ),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('href="#row-2"');
    expect(res.text).toContain('value="Typed label"');
    expect((await sources()).form_source).toBe(before);
    const piped = await coordinator.client.postForm(
      `/cohorts/${cohortId}/builder/form`,
      builderBody([{ key: 'a', label: 'A | B', type: 'short', options: '' }], 'save'),
    );
    expect(piped.status).toBe(422);
    expect(piped.text).toContain('A label cannot contain');
  });

  it('imports text into rows and saves it back as the same text', async () => {
    const imported = await coordinator.client.postForm(`/cohorts/${cohortId}/builder/form`, {
      step: 'import',
      text: FORM,
    });
    expect(imported.status).toBe(303);
    const draft = await coordinator.client.get(imported.location!);
    expect(draft.text).toContain('value="Your CV"');
    const refused = await coordinator.client.postForm(`/cohorts/${cohortId}/builder/form`, {
      step: 'import',
      text: 'nonsense line',
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('nonsense line</textarea>');

    const fields = parseFormText(FORM).fields;
    const rows = fields.map((f) => {
      const row: Record<string, string> = { key: f.key, label: f.label, type: f.type, options: f.options.join('\n') };
      if (f.required) row.required = 'true';
      return row;
    });
    const saved = await coordinator.client.postForm(`/cohorts/${cohortId}/builder/form`, builderBody(rows, 'save'));
    expect(saved.status).toBe(303);
    expect((await sources()).form_source).toBe(FORM);
  });

  it('builds a rubric the same way', async () => {
    const page = await coordinator.client.get(`/cohorts/${cohortId}/builder/rubric`);
    expect(page.text).toContain('value="Motivation"');
    const rows = [
      { key: 'motivation', label: 'Motivation', max: '5' },
      { key: 'relevance', label: "Relevance of the applicant's work", max: '10' },
    ];
    const saved = await coordinator.client.postForm(`/cohorts/${cohortId}/builder/rubric`, builderBody(rows, 'save'));
    expect(saved.status).toBe(303);
    expect((await sources()).rubric_source).toBe(RUBRIC.split('\n').reverse().join('\n'));
    const bad = await coordinator.client.postForm(
      `/cohorts/${cohortId}/builder/rubric`,
      builderBody([{ key: 'x', label: 'X', max: '500' }], 'save'),
    );
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('maximum score from 1 to 100');
  });

  it('lets only the cohort’s coordinators in', async () => {
    const other = await person(t, ['trainee', 'coordinator'], 'Other Coordinator');
    expect((await other.client.get(`/cohorts/${cohortId}/builder/form`)).status).toBe(403);
    const posted = await other.client.postForm(`/cohorts/${cohortId}/builder/form`, builderBody([], 'save'));
    expect(posted.status).toBe(403);
    expect((await coordinator.client.get(`/cohorts/${cohortId}/builder/nothing`)).status).toBe(404);
  });
});
