import { REDACTED, redactSecretLinks } from './secret-links.js';

describe('secret links in e-mail bodies', () => {
  it('hides the token of an invitation link', () => {
    const body = 'Open https://karvan.example/invitations/AbC_d-123xyz within 14 days.';
    expect(redactSecretLinks(body)).toBe(`Open https://karvan.example/invitations/${REDACTED} within 14 days.`);
  });

  it('hides the token of a password-reset link, and of every link in the body', () => {
    const body = 'https://k.example/reset/tok1?x=1\nhttps://k.example/invitations/tok2\n';
    const shown = redactSecretLinks(body);
    expect(shown).not.toContain('tok1');
    expect(shown).not.toContain('tok2');
    expect(shown).toBe(`https://k.example/reset/${REDACTED}?x=1\nhttps://k.example/invitations/${REDACTED}\n`);
  });

  it('hides the token of a link confirming a new e-mail address', () => {
    const body = 'Confirm: https://k.example/email-change/tok3\n';
    expect(redactSecretLinks(body)).toBe(`Confirm: https://k.example/email-change/${REDACTED}\n`);
  });

  it('leaves other links alone', () => {
    const body = 'See https://k.example/courses/border-basics and https://k.example/verify/ABCD-1234.';
    expect(redactSecretLinks(body)).toBe(body);
  });
});
