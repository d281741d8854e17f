import { DomainError, type ErrorKind } from '../shared/domain-error.js';

export enum CoursesErrorCode {
  NotFound = 'course_not_found',
  ModuleNotFound = 'module_not_found',
  RevisionNotFound = 'revision_not_found',
  NotAnAuthor = 'not_an_author',
  SlugTaken = 'slug_taken',
  EditConflict = 'edit_conflict',
  ContentInvalid = 'content_invalid',
  NoSuchCoAuthor = 'no_such_co_author',
  BadOrder = 'bad_module_order',
  MediaRefused = 'media_refused',
  MediaNotFound = 'media_not_found',
  ArchiveInvalid = 'archive_invalid',
  ArchiveControlCharacter = 'archive_control_character',
  AdminOnly = 'certificate_approval_admin_only',
}

const KIND: Record<CoursesErrorCode, ErrorKind> = {
  [CoursesErrorCode.NotFound]: 'not_found',
  [CoursesErrorCode.ModuleNotFound]: 'not_found',
  [CoursesErrorCode.RevisionNotFound]: 'not_found',
  [CoursesErrorCode.NotAnAuthor]: 'forbidden',
  [CoursesErrorCode.SlugTaken]: 'conflict',
  [CoursesErrorCode.EditConflict]: 'conflict',
  [CoursesErrorCode.ContentInvalid]: 'unprocessable',
  [CoursesErrorCode.NoSuchCoAuthor]: 'invalid',
  [CoursesErrorCode.BadOrder]: 'invalid',
  [CoursesErrorCode.MediaRefused]: 'invalid',
  [CoursesErrorCode.MediaNotFound]: 'not_found',
  [CoursesErrorCode.ArchiveInvalid]: 'invalid',
  [CoursesErrorCode.ArchiveControlCharacter]: 'invalid',
  [CoursesErrorCode.AdminOnly]: 'forbidden',
};

export class CoursesError extends DomainError {
  constructor(
    code: CoursesErrorCode,
    message: string,
    details?: Record<string, string> | readonly object[],
    params?: Record<string, string | number>,
  ) {
    super(KIND[code], code, message, details, params);
  }
}
