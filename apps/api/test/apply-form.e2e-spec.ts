import { makeCohort, PDF, person } from './summer-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

/** The application form as a browser without JavaScript sends it: text and file in one multipart body. */
function multipart(fields: Array<[string, string]>, file?: { field: string; name: string; bytes: Buffer }) {
  const boundary = `----karvan${Date.now()}`;
  const parts = fields.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  if (file) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\n` +
        `Content-Type: application/pdf\r\n\r\n${file.bytes.toString('latin1')}\r\n`,
    );
  }
  return { body: `${parts.join('')}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` };
}

describe('the application form in one multipart post', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('saves the typed text and the CV together, prefills the profile, and refuses a bad document as a field error', async () => {
    const coordinator = await person(t, ['trainee', 'coordinator'], 'Form Coordinator');
    const cohortId = await makeCohort(coordinator.client);
    const applicant = await person(t, ['trainee'], 'Günel Abbasova');
    await applicant.client.postForm('/profile', {
      name: 'Günel Abbasova',
      organisation: 'State Migration Service',
      position: 'Inspector',
      locale: 'en',
    });
    const empty = await applicant.client.get(`/cohorts/${cohortId}/apply`);
    expect(empty.text).toContain('value="State Migration Service"');
    expect(empty.text).toContain('value="Inspector"');

    const csrf = applicant.client.csrfToken!;
    const text: Array<[string, string]> = [
      ['organisation', 'State Migration Service'],
      ['position', 'Inspector'],
      ['category', 'young_researcher'],
      ['a-motivation', 'Typed before attaching.'],
      ['action', 'save'],
    ];
    const notPdf = multipart(text, { field: 'file-cv', name: 'cv.pdf', bytes: Buffer.from('not a document') });
    const refused = await applicant.client.request('POST', `/cohorts/${cohortId}/apply?_csrf=${csrf}`, notPdf.body, {
      'content-type': notPdf.type,
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Typed before attaching.');

    const good = multipart(text, { field: 'file-cv', name: 'cv.pdf', bytes: PDF });
    const saved = await applicant.client.request('POST', `/cohorts/${cohortId}/apply?_csrf=${csrf}`, good.body, {
      'content-type': good.type,
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/cohorts/${cohortId}/apply?notice=attached`);
    const page = await applicant.client.get(saved.location!);
    expect(page.text).toContain('Typed before attaching.');
    expect(page.text).toContain('Attached: cv.pdf');
    expect(page.text).toContain('Your draft and your document were saved.');

    const odd = multipart([...text.slice(0, 3), ['a-motivation', 'bell\u0007'], ['action', 'save']]);
    const control = await applicant.client.request('POST', `/cohorts/${cohortId}/apply?_csrf=${csrf}`, odd.body, {
      'content-type': odd.type,
    });
    expect(control.status).toBe(400);
  });
});
