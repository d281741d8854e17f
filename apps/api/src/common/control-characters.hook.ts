import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import { DomainError, findControlCharacter, type ControlCharacterFound } from '@karvan/domain';
import { sendError } from './error.filter.js';

/**
 * At the edge, before any controller: a control character in a query, a URL parameter, a JSON or
 * form body, or a text part of an upload is a 400 naming the field, never a 500 from the database.
 * Uploaded file contents are bytes and are not looked at.
 */
export function installControlCharacterCheck(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const found =
      findControlCharacter(request.params) ?? findControlCharacter(request.query) ?? findControlCharacter(request.body);
    if (found) {
      await sendError(controlCharacterError(found), request, reply);
      return reply;
    }
    if (request.isMultipart()) checkUploadFields(request);
  });
}

export function controlCharacterError(found: ControlCharacterFound): DomainError {
  return new DomainError(
    'invalid',
    'control_character',
    `The field "${found.field}" contains a control character (${found.codePoint}); remove it and try again.`,
    { [found.field]: `contains a control character (${found.codePoint})` },
    { field: found.field, codePoint: found.codePoint },
  );
}

// An upload's parts are read by the controller, so its text parts and file names are checked then.
function checkUploadFields(request: FastifyRequest): void {
  const read = request.file.bind(request);
  request.file = async (options) => {
    const file = await read(options);
    const found = file && findControlCharacter(textOf(file));
    if (found) throw controlCharacterError(found);
    return file;
  };
}

function textOf(file: MultipartFile): Record<string, string | string[]> {
  const text: Record<string, string | string[]> = {};
  for (const [name, parts] of Object.entries(file.fields)) {
    const values = [parts ?? []].flat().map(partText);
    text[name] = values.length === 1 ? values[0] : values;
  }
  return text;
}

function partText(part: Multipart): string {
  return part.type === 'file' ? part.filename : String(part.value);
}
