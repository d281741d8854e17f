import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProduces, ApiResponse } from '@nestjs/swagger';

type Field = 'string' | 'integer' | 'boolean';

/** A small JSON result, every field present: `ApiResult(200, { updated: 'string' })`. */
export const ApiResult = (status: number, fields: Record<string, Field>) =>
  ApiResponse({
    status,
    schema: {
      type: 'object',
      required: Object.keys(fields),
      properties: Object.fromEntries(Object.entries(fields).map(([name, type]) => [name, { type }])),
    },
  });

/** A JSON object whose fields the domain's read model defines. */
export const ApiObject = (description: string, status = 200) =>
  ApiResponse({ status, description, schema: { type: 'object', additionalProperties: true } });

/** A JSON list of objects whose fields the domain's read model defines. */
export const ApiList = (description: string, status = 200) =>
  ApiResponse({
    status,
    description,
    schema: { type: 'array', items: { type: 'object', additionalProperties: true } },
  });

/** A download: its media type, and the bytes. */
export const ApiFile = (type: string, description: string) =>
  applyDecorators(
    ApiProduces(type),
    ApiResponse({ status: 200, description, content: { [type]: { schema: { type: 'string', format: 'binary' } } } }),
  );

/** A multipart upload of one file, in the field `file`. */
export const ApiUpload = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
    }),
  );
