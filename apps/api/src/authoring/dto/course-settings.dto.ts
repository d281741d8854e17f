import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import type { CourseSettings } from '@karvan/domain';

/**
 * The course settings, from the page's form or as JSON: course.md's front matter and introduction,
 * and a new key if any.
 */
export class CourseSettingsDto {
  @ApiProperty({ example: 'Border management: the basics' }) @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @ApiPropertyOptional({ example: 'Checks at the border, and the law behind them.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  summary = '';
  @ApiPropertyOptional({ description: 'Markdown, shown on the course page.', example: 'Welcome to the course.' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  introduction = '';
  @ApiProperty({ enum: ['open', 'key', 'approval'], example: 'key' })
  @IsIn(['open', 'key', 'approval'])
  enrolmentMode: 'open' | 'key' | 'approval';
  @ApiProperty({ enum: ['all', 'none'], example: 'all' }) @IsIn(['all', 'none']) completionModules: 'all' | 'none';
  @ApiProperty({ enum: ['pass', 'none'], example: 'pass' }) @IsIn(['pass', 'none']) completionQuizzes: 'pass' | 'none';
  /** A checkbox: sent as "true" when ticked, absent when not; JSON may send true or false. */
  @ApiPropertyOptional({ type: Boolean, description: 'Issue certificates on completion.', example: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === true ? 'true' : value === '' || value === false ? undefined : value,
  )
  @IsIn(['true'])
  certificate?: 'true';
  /** Empty keeps the key there is. */
  @ApiPropertyOptional({ description: 'A new enrolment key; left out, the key stays.', example: 'spring-2027' })
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

/** The settings as the form and the API show them (the key is never shown: it is stored hashed). */
export function settingsToDto(settings: CourseSettings) {
  return {
    title: settings.title,
    summary: settings.summary,
    introduction: settings.introduction,
    enrolmentMode: settings.enrolmentMode,
    completionModules: settings.completion.modules,
    completionQuizzes: settings.completion.quizzes,
    certificate: settings.certificate ? ('true' as const) : undefined,
  };
}

export function settingsFromDto(value: CourseSettingsDto): CourseSettings {
  return {
    title: value.title,
    summary: value.summary,
    introduction: value.introduction,
    enrolmentMode: value.enrolmentMode,
    completion: { modules: value.completionModules, quizzes: value.completionQuizzes },
    certificate: value.certificate === 'true',
  };
}
