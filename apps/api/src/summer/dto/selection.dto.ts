import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type { Decision } from '@karvan/domain';
import { FIELD_KEY, IsRecord } from './is-record.js';
import { toList } from './transforms.js';

const smallScore = (v: unknown): boolean =>
  (Number.isInteger(v) && Math.abs(v as number) <= 1000) || (typeof v === 'string' && v.length <= 10);

export class ReviewDto {
  @ApiProperty({ example: { relevance: 8, motivation: 4 }, description: 'A score per rubric criterion.' })
  @IsRecord({ describe: 'scores by criterion (whole numbers)', key: FIELD_KEY, value: smallScore, maxKeys: 50 })
  scores: Record<string, number | string>;

  @ApiPropertyOptional({ example: 'Clear motivation.' }) @IsOptional() @IsString() @MaxLength(5000) comment?: string;
}

/** The review page's form also says which page to go back to. */
export class ReviewFormDto extends ReviewDto {
  @IsOptional() @IsString() @MaxLength(500) back?: string;
}

export const DECISIONS = ['accept', 'waitlist', 'reject'] as const;

export class DecisionDto {
  @ApiProperty({ type: [String], format: 'uuid', example: ['3f1c2a9e-8b4d-4c57-9a1e-2d6f0b7c5e41'] })
  // The ranking form sends one ticked application as a string and none at all as nothing.
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  ids: string[];

  @ApiProperty({ enum: DECISIONS, example: 'accept' }) @IsIn(DECISIONS) decision: Decision;
}

/** How many refusals the result page names; the rest are counted. Keeps the redirect's URL short. */
export const NAMED_REFUSALS = 50;

/**
 * The result of a decision, carried by the redirect after it (post/redirect/get), so reloading
 * the result page shows it again without deciding again: `refused` is `<id>:<code>,…`.
 */
export class DecisionResultQuery {
  @IsOptional() @IsIn(DECISIONS) decided?: Decision;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(100_000)
  changed?: number;

  @IsOptional()
  @IsString()
  @MaxLength(NAMED_REFUSALS * 60)
  @Matches(/^[0-9a-f-]{36}:[a-z_]+(,[0-9a-f-]{36}:[a-z_]+)*$/)
  refused?: string;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(100_000)
  more?: number;
}
