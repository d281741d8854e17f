import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { timeZones, type CohortInput } from '@karvan/domain';
import { toBoolean, toInteger, toWords } from './transforms.js';

/**
 * A cohort's settings. The DTO checks what each field is; whether the dates, places, form and
 * rubric make sense is the domain's check, which names every problem by its field at once.
 */
export class CohortDto {
  @ApiProperty({ description: '3 to 200 characters.', example: 'Summer 2027' })
  @IsString()
  @MaxLength(200)
  title: string;
  @ApiProperty({ example: '2027-07-05' }) @IsString() @MaxLength(30) startsOn: string;
  @ApiProperty({ example: '2027-07-09' }) @IsString() @MaxLength(30) endsOn: string;
  @ApiPropertyOptional({ example: 'Baku' }) @IsOptional() @IsString() @MaxLength(200) place?: string;

  @ApiProperty({ description: 'Places, 1 to 10,000.', example: 30 })
  @Transform(toInteger)
  @IsInt()
  capacity: number;

  /** Every time of the cohort (its call, its sessions) is typed and shown in this zone. */
  @ApiPropertyOptional({
    example: 'Asia/Baku',
    description: 'An IANA time zone; a new cohort gets Asia/Baku unless given, a changed one keeps its own.',
  })
  @IsOptional()
  @IsIn(timeZones())
  timeZone?: string;

  @ApiProperty({ example: '2027-03-01T09:00', description: 'The cohort’s zone unless an offset is given.' })
  @IsString()
  @MaxLength(40)
  opensAt: string;

  @ApiProperty({ example: '2027-04-01T18:00' }) @IsString() @MaxLength(40) closesAt: string;
  @ApiPropertyOptional({ example: 'Officials in their first three years.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  eligibility?: string;
  @ApiPropertyOptional({
    description: 'The application form, one field a line.',
    example: 'motivation: Why do you apply? (text, required)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  form?: string;

  @ApiPropertyOptional({
    description: 'The review rubric, one criterion a line.',
    example: 'relevance: Relevance (0-10)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  rubric?: string;

  @ApiPropertyOptional({ example: 'young_researcher = 10' }) @IsOptional() @IsString() @MaxLength(2000) quotas?: string;

  @ApiPropertyOptional({ description: 'Percent, 0 to 100; 80 if not given.', example: 80 })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  minAttendance?: number;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  requireCourses?: boolean;

  @ApiPropertyOptional({
    description: 'Slugs of linked courses, separated by spaces or commas (or a list).',
    example: 'research-methods',
  })
  @IsOptional()
  @Transform(toWords)
  @IsString()
  @MaxLength(5000)
  courses?: string;

  @ApiPropertyOptional({ description: 'The title in Azerbaijani; empty shows the base title.', example: 'Yay 2027' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  titleAz?: string;
  @ApiPropertyOptional({ description: 'The title in Russian.', example: 'Лето 2027' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  titleRu?: string;
  @ApiPropertyOptional({ description: 'Who may apply, in Azerbaijani.', example: 'İlk üç ilində olan məmurlar.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  eligibilityAz?: string;
  @ApiPropertyOptional({ description: 'Who may apply, in Russian.', example: 'Сотрудники первых трёх лет службы.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  eligibilityRu?: string;
}

/**
 * A change sends the whole form as well, but who may change the cohort is checked before what
 * is missing is named: a stranger's partial change is refused as a stranger's.
 */
export class UpdateCohortDto extends PartialType(CohortDto) {}

/** What the domain reads: a field left out is an empty one, which it names. */
export function cohortInput(dto: UpdateCohortDto): CohortInput {
  return { title: '', startsOn: '', endsOn: '', capacity: '', opensAt: '', closesAt: '', ...dto };
}
