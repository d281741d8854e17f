import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { LOCALES, type Locale } from '@karvan/domain';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SLUG_MESSAGE = 'use lowercase letters a-z, digits and single hyphens';
export const MAX_MARKDOWN = 200_000;

export class CreateCourseDto {
  @ApiProperty({ example: 'border-management-basics' })
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: `slug: ${SLUG_MESSAGE}` })
  slug: string;

  @ApiProperty({ example: 'Border management: the basics' }) @IsString() @IsNotEmpty() @MaxLength(300) title: string;

  @ApiPropertyOptional({ example: 'Checks at the border, and the law behind them.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  summary = '';

  @ApiProperty({ enum: LOCALES, example: 'en' }) @IsIn(LOCALES) language: Locale;
  @ApiProperty({ enum: ['open', 'key', 'approval'], example: 'open' })
  @IsIn(['open', 'key', 'approval'])
  enrolmentMode: 'open' | 'key' | 'approval';
}

export class AddModuleDto {
  @ApiProperty({ example: 'visa-facilitation' })
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: `slug: ${SLUG_MESSAGE}` })
  slug: string;

  @ApiProperty({ example: 'Visa facilitation' }) @IsString() @IsNotEmpty() @MaxLength(300) title: string;
}

export class ModuleSourceDto {
  @ApiProperty({
    description: 'The whole module file: front matter and Markdown body.',
    example: '---\ntitle: Visa facilitation\n---\n\n# Visa facilitation\n\nWhat the agreements change.\n',
  })
  @IsString()
  @MaxLength(MAX_MARKDOWN)
  markdown: string;

  @ApiPropertyOptional({
    description:
      'The revision the text was written from. When another revision has been saved since, the text is ' +
      'refused with 409 `edit_conflict`; without it, the text replaces whatever is current.',
    example: 3,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' || value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  baseRevision?: number;
}

export class EditorFormDto extends ModuleSourceDto {
  @IsOptional() @IsIn(['preview', 'save']) action?: 'preview' | 'save';
}

export class ReorderDto {
  @ApiProperty({ type: [String], example: ['introduction', 'visa-facilitation'] })
  @Transform(({ value }: { value: unknown }): unknown[] => (Array.isArray(value) ? value : [value]))
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  slugs: string[];
}

export class MoveModuleDto {
  @IsString() @MaxLength(100) slug: string;
  @IsIn(['up', 'down']) direction: 'up' | 'down';
}

export class CoAuthorDto {
  @ApiProperty({ example: 'co-author@karvan.example' }) @IsEmail() @MaxLength(254) email: string;
}

export class StatusDto {
  @ApiProperty({ enum: ['draft', 'published'], example: 'published' }) @IsIn(['draft', 'published']) status:
    'draft' | 'published';
}

export class CertificateApprovalDto {
  @ApiProperty({ enum: ['approve', 'withdraw'] }) @IsIn(['approve', 'withdraw']) action: 'approve' | 'withdraw';
}

export class DiffQuery {
  @Transform(({ value }: { value: unknown }) => Number(value)) @IsInt() @Min(1) from: number;
  @Transform(({ value }: { value: unknown }) => Number(value)) @IsInt() @Min(1) to: number;
}

export class EnrolmentKeyDto {
  @IsString() @MinLength(4) @MaxLength(200) key: string;
}
