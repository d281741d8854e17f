import { execFile } from 'node:child_process';
import { startTestApp, type TestApp } from './test-app.js';

interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, unknown>;
}
interface Schema {
  $ref?: string;
  example?: unknown;
  format?: string;
  properties?: Record<string, Schema>;
}
interface Operation {
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

/** Write operations whose whole input is the path: they declare no body, on purpose. */
const TAKE_NO_BODY = new Set([
  'DELETE /api/v1/me/tokens/{id}',
  'DELETE /api/v1/courses/{course}/enrolment',
  'POST /api/v1/admin/jobs/purge-expired',
  'POST /api/v1/admin/users/{id}/deactivate',
  'POST /api/v1/admin/users/{id}/reactivate',
  'POST /api/v1/admin/users/{id}/password-reset',
  'PUT /api/v1/authoring/courses/{course}/certificate-approval',
  'DELETE /api/v1/authoring/courses/{course}/certificate-approval',
  'POST /api/v1/authoring/courses/{course}/modules/{module}/archive',
  'POST /api/v1/authoring/courses/{course}/modules/{module}/restore',
  'POST /api/v1/authoring/courses/{course}/modules/{module}/publish',
  'POST /api/v1/courses/{course}/modules/{module}/attempts',
  'POST /api/v1/courses/{course}/modules/{module}/questions/{question}/regrade',
  'POST /api/v1/certificates/{id}/reissue',
  'POST /api/v1/courses/{course}/certificates/issue',
  'POST /api/v1/admin/queues/{queue}/jobs/{id}/retry',
  'POST /api/v1/admin/signing-keys/rotate',
  'POST /api/v1/applications/{id}/{action}',
  'POST /api/v1/sessions/{id}/delete',
  'POST /api/v1/cohorts/{id}/certificates/issue',
]);

/** Statuses that carry no body by definition. */
const BODYLESS_STATUSES = new Set(['204', '303']);

/**
 * The validator's dependencies are ES modules that Jest's module runtime cannot `require` on
 * Node 20, so it runs in a plain Node process, reading the document on stdin.
 */
const VALIDATE = `
import SwaggerParser from '@apidevtools/swagger-parser';
let input = '';
for await (const chunk of process.stdin) input += chunk;
try {
  await SwaggerParser.validate(JSON.parse(input));
  console.log('valid');
} catch (error) {
  console.log(error.message);
}`;

function validate(doc: Document): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--input-type=module', '-e', VALIDATE], (error, stdout) =>
      error ? reject(new Error(`the validator did not run: ${error.message}`)) : resolve(stdout.trim()),
    );
    child.stdin?.end(JSON.stringify(doc));
  });
}

function writeOperations(doc: Document): Array<[string, Operation]> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    WRITE_METHODS.filter((method) => item[method]).map((method): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      item[method],
    ]),
  );
}

function resolve(doc: Document, schema: Schema | undefined): Schema | undefined {
  const name = schema?.$ref?.replace('#/components/schemas/', '');
  return name ? doc.components?.schemas?.[name] : schema;
}

/** An example for the whole body, or for each of its fields. */
function hasExample(doc: Document, media: MediaType): boolean {
  if (media.example !== undefined || Object.keys(media.examples ?? {}).length > 0) return true;
  const schema = resolve(doc, media.schema);
  if (!schema) return false;
  if (schema.example !== undefined) return true;
  // A file has no example to write down.
  const fields = Object.values(schema.properties ?? {}).filter((field) => field.format !== 'binary');
  return Object.keys(schema.properties ?? {}).length > 0 && fields.every((field) => field.example !== undefined);
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.client().get('/api/docs/json')).json<Document>();
  });
  afterAll(() => t.close());

  it('passes a maintained OpenAPI validator', async () => {
    expect(await validate(doc)).toBe('valid');
  });

  it('gives every write operation a request schema with an example, unless it takes no body', () => {
    const lacking = writeOperations(doc)
      .filter(([name]) => !TAKE_NO_BODY.has(name))
      .filter(([, operation]) => {
        const media = Object.values(operation.requestBody?.content ?? {});
        return media.length === 0 || media.some((m) => !m.schema || !hasExample(doc, m));
      })
      .map(([name]) => name);
    expect(lacking).toEqual([]);
  });

  it('lists as bodiless only operations that exist and declare no body', () => {
    const operations = new Map(writeOperations(doc));
    const wrong = [...TAKE_NO_BODY].filter((name) => !operations.has(name) || operations.get(name)?.requestBody);
    expect(wrong).toEqual([]);
  });

  it('gives every response a schema, except those that carry no body', () => {
    const lacking = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        Object.entries(operation.responses ?? {})
          .filter(([status]) => !BODYLESS_STATUSES.has(status))
          .filter(([, response]) => !Object.values(response.content ?? {}).some((m) => m.schema))
          .map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
      ),
    );
    expect(lacking).toEqual([]);
  });

  it('leaves the pages out', () => {
    const notApi = (path: string) =>
      !path.startsWith('/api/') && path !== '/health' && !path.startsWith('/.well-known/');
    expect(Object.keys(doc.paths).filter(notApi)).toEqual([]);
  });
});
