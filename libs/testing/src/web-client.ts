import { randomInt } from 'node:crypto';

export interface WebResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body as bytes (a PDF, an image). */
  bytes: Buffer;
  json<T = Record<string, unknown>>(): T;
  location: string | null;
}

/**
 * A client address of its own (sent as X-Forwarded-For; the test apps trust it): the api counts
 * sign-ins per address for every suite of a run together, and a test must not spend another's.
 */
export function testAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/**
 * A browser-like HTTP client for e2e tests: keeps cookies, never follows redirects on its own,
 * adds the CSRF token to forms, and comes from its own address (X-Forwarded-For) so that
 * per-address login limits of one test never touch another.
 */
export class WebClient {
  readonly cookies = new Map<string, string>();
  readonly address = testAddress();

  constructor(
    readonly baseUrl: string,
    private readonly bearer?: string,
  ) {}

  get csrfToken(): string | undefined {
    return this.cookies.get('karvan_csrf');
  }

  get(path: string, headers: Record<string, string> = {}): Promise<WebResponse> {
    return this.request('GET', path, undefined, headers);
  }

  /** Submits an HTML form; the CSRF token goes in unless `_csrf` is given (null leaves it out). */
  async postForm(path: string, fields: Record<string, string | string[] | null>): Promise<WebResponse> {
    if (!this.csrfToken) await this.get('/login');
    const body = new URLSearchParams();
    const withToken = { _csrf: this.csrfToken ?? '', ...fields };
    for (const [name, value] of Object.entries(withToken)) {
      if (value === null) continue;
      const items: string[] = Array.isArray(value) ? value : [value];
      for (const item of items) body.append(name, item);
    }
    return this.request('POST', path, body.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
  }

  /** Uploads one file as a browser form would; the CSRF token rides in the URL, as in Karvan's upload forms. */
  async postFile(path: string, field: string, fileName: string, type: string, bytes: Buffer): Promise<WebResponse> {
    if (!this.csrfToken) await this.get('/login');
    const form = new FormData();
    form.append(field, new Blob([new Uint8Array(bytes)], { type }), fileName);
    const separator = path.includes('?') ? '&' : '?';
    return this.send('POST', `${path}${separator}_csrf=${this.csrfToken}`, form, {});
  }

  /** Submits a multipart form (text fields and files together); the CSRF token rides in the URL. */
  async postMultipart(
    path: string,
    fields: Record<string, string>,
    files: Array<{ field: string; fileName: string; type: string; bytes: Buffer }>,
  ): Promise<WebResponse> {
    if (!this.csrfToken) await this.get('/login');
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const file of files) {
      form.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.fileName);
    }
    const separator = path.includes('?') ? '&' : '?';
    return this.send('POST', `${path}${separator}_csrf=${this.csrfToken}`, form, {});
  }

  /** JSON call; with a session, the CSRF header is sent as a browser's script would. */
  json(method: string, path: string, payload?: unknown, headers: Record<string, string> = {}): Promise<WebResponse> {
    const extra: Record<string, string> = { accept: 'application/json', ...headers };
    if (payload !== undefined) extra['content-type'] = 'application/json';
    if (this.csrfToken && !('x-csrf-token' in extra)) extra['x-csrf-token'] = this.csrfToken;
    return this.request(method, path, payload === undefined ? undefined : JSON.stringify(payload), extra);
  }

  request(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<WebResponse> {
    return this.send(method, path, body, headers);
  }

  private async send(
    method: string,
    path: string,
    body: string | FormData | undefined,
    headers: Record<string, string>,
  ): Promise<WebResponse> {
    const all: Record<string, string> = { 'x-forwarded-for': this.address, ...headers };
    if (this.cookies.size) all.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.bearer) all.authorization = `Bearer ${this.bearer}`;
    const response = await fetch(new URL(path, this.baseUrl), { method, body, headers: all, redirect: 'manual' });
    this.storeCookies(response.headers.getSetCookie());
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    return {
      status: response.status,
      headers: response.headers,
      text,
      bytes,
      location: response.headers.get('location'),
      json: <T>() => JSON.parse(text) as T,
    };
  }

  private storeCookies(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
