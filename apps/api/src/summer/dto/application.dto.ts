import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CATEGORIES } from '@karvan/domain';
import { FIELD_KEY, IsRecord } from './is-record.js';

const isAnswer = (v: unknown): boolean =>
  (typeof v === 'string' && v.length <= 10_000) ||
  (Array.isArray(v) && v.length <= 50 && v.every((item) => typeof item === 'string' && item.length <= 500));

/** An application: which answers the form has, and whether they are complete, is the domain's check. */
export class ApplicationDto {
  @ApiPropertyOptional({ enum: CATEGORIES, description: 'Anything else counts as "other".', example: CATEGORIES[0] })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  category?: string;

  @ApiPropertyOptional({ example: 'State Migration Service' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisation?: string;
  @ApiPropertyOptional({ example: 'Specialist' }) @IsOptional() @IsString() @MaxLength(200) position?: string;

  @ApiPropertyOptional({ example: { motivation: 'To learn.', topics: ['Borders'] } })
  @IsOptional()
  @IsRecord({ describe: 'answers by field (text or a list of choices)', key: FIELD_KEY, value: isAnswer, maxKeys: 100 })
  answers?: Record<string, string | string[]>;
}

/** The apply page's form: its answers come as `a-<key>` and its buttons say save or submit. */
export class ApplicationFormDto extends ApplicationDto {
  @IsOptional() @IsIn(['save', 'submit']) action?: 'save' | 'submit';
}
