import { DomainError, type ErrorKind } from '../shared/domain-error.js';

export enum BookErrorCode {
  NotFound = 'book_not_found',
  Forbidden = 'book_forbidden',
  ContentInvalid = 'book_content_invalid',
  BadRequest = 'book_bad_request',
  NotReady = 'book_not_ready',
}

const KIND: Record<BookErrorCode, ErrorKind> = {
  [BookErrorCode.NotFound]: 'not_found',
  [BookErrorCode.Forbidden]: 'forbidden',
  [BookErrorCode.ContentInvalid]: 'unprocessable',
  [BookErrorCode.BadRequest]: 'invalid',
  [BookErrorCode.NotReady]: 'conflict',
};

export class BookError extends DomainError {
  constructor(code: BookErrorCode, message: string) {
    super(KIND[code], code, message);
  }
}
