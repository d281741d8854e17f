import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** The course settings form: course.md's front matter and introduction, and a new key if any. */
export class CourseSettingsDto {
  @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @IsOptional() @IsString() @MaxLength(2000) summary = '';
  @IsOptional() @IsString() @MaxLength(20_000) introduction = '';
  @IsIn(['open', 'key', 'approval']) enrolmentMode: 'open' | 'key' | 'approval';
  @IsIn(['all', 'none']) completionModules: 'all' | 'none';
  @IsIn(['pass', 'none']) completionQuizzes: 'pass' | 'none';
  /** A checkbox: sent as "true" when ticked, absent when not. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsIn(['true'])
  certificate?: 'true';
  /** Empty keeps the key there is. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MinLength(4)
  @MaxLength(200)
  key?: string;
}

/** A revision number in the path. */
export function revisionNumber(value: string): number | null {
  return /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : null;
}
