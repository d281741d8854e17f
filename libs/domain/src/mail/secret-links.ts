/** Paths whose last segment is a bearer secret: whoever has the link acts as the addressee. */
const SECRET_LINK = /(\/(?:invitations|reset|email-change)\/)[^\s/?#<>"')\]]+/g;
export const REDACTED = '••••••';

/** The e-mail body as staff may read it: every invitation or reset link without its token. */
export function redactSecretLinks(body: string): string {
  return body.replace(SECRET_LINK, `$1${REDACTED}`);
}
