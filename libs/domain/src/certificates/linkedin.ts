/** LinkedIn's documented "Add to profile" link for a certification, pointing at the public verification page. */
export function linkedInAddUrl(facts: {
  title: string;
  issuer: string;
  issuedAt: Date;
  verifyUrl: string;
  certId: string;
}): string {
  const query = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: facts.title,
    organizationName: facts.issuer,
    issueYear: String(facts.issuedAt.getUTCFullYear()),
    issueMonth: String(facts.issuedAt.getUTCMonth() + 1),
    certUrl: facts.verifyUrl,
    certId: facts.certId,
  });
  return `https://www.linkedin.com/profile/add?${query.toString()}`;
}
