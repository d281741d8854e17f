import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class EssayGradeDto {
  @ApiPropertyOptional({
    description: 'Points from 0 to the essay’s points; leave out to add up the criteria (then all are needed).',
    example: 7.5,
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1000)
  points?: number;

  @ApiPropertyOptional({ description: 'Points per rubric criterion id.', example: { c1: 4, c2: 3.5 } })
  @IsOptional()
  @IsObject()
  criteria?: Record<string, number>;

  @ApiPropertyOptional({ description: 'Feedback for the trainee.', example: 'Clear steps; cite the article.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  feedback?: string;
}

/** The grading form: numbers as people type them ("7,5"), so read as text first. */
export class EssayGradeForm {
  @IsOptional() @IsString() @MaxLength(20) points?: string;
  @IsOptional() @IsString() @MaxLength(5000) feedback?: string;
}

export class EssayGradeResultDto {
  @ApiProperty() attemptGraded: boolean;
}

/** "7,5", "7.5", "7" → a number; "" → null; anything else → undefined (refused). */
export function typedPoints(text: string | undefined): number | null | undefined {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return null;
  if (!/^\d{1,4}(?:[.,]\d{1,3})?$/.test(trimmed)) return undefined;
  return Number(trimmed.replace(',', '.'));
}
