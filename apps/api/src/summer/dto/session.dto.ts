import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ATTENDANCE, LOCALES, type Locale } from '@karvan/domain';
import { IsRecord, UUID } from './is-record.js';
import { toBoolean } from './transforms.js';

/** A date and time as a datetime-local field sends it (Baku time), or with an offset. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?([zZ]|[+-]\d{2}:?\d{2})?$/;
const dateTime = (field: string) => ({ message: `${field}: give a date and time such as 2027-07-05T09:00` });

export class SessionDto {
  @ApiProperty({ example: 'Opening lecture' }) @IsString() @MaxLength(200) title: string;
  @ApiPropertyOptional({ description: 'The title in Azerbaijani.', example: 'Açılış mühazirəsi' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  titleAz?: string;

  @ApiPropertyOptional({ description: 'The title in Russian.', example: 'Вступительная лекция' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  titleRu?: string;

  @ApiPropertyOptional({ example: 'Dr Elnur Həsənov' }) @IsOptional() @IsString() @MaxLength(200) speaker?: string;
  @ApiPropertyOptional({ description: 'Who speaks, in Azerbaijani.', example: 'Dövlət Miqrasiya Xidməti' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  speakerAz?: string;

  @ApiPropertyOptional({ description: 'Who speaks, in Russian.', example: 'Государственная миграционная служба' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  speakerRu?: string;

  @ApiProperty({ example: '2027-07-05T09:00', description: 'Baku time unless an offset is given.' })
  @IsString()
  @Matches(DATE_TIME, dateTime('startsAt'))
  startsAt: string;

  @ApiProperty({ example: '2027-07-05T10:30' }) @IsString() @Matches(DATE_TIME, dateTime('endsAt')) endsAt: string;
  @ApiPropertyOptional({ example: 'Hall A' }) @IsOptional() @IsString() @MaxLength(100) room?: string;
  @ApiPropertyOptional({ example: 'Why migration is managed.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

const isStatus = (v: unknown): boolean => (ATTENDANCE as readonly unknown[]).includes(v);

export class AttendanceDto {
  @ApiPropertyOptional({ description: 'Everyone present first; `marks` are the exceptions.', example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  allPresent?: boolean;

  @ApiPropertyOptional({ example: { '00000000-0000-4000-8000-000000000000': 'late' } })
  @IsOptional()
  @IsRecord({ describe: `${ATTENDANCE.join(', ')} by member id`, key: UUID, value: isStatus, maxKeys: 2000 })
  marks?: Record<string, string>;
}

/** The calendar feed's query: the language of its titles and speakers. */
export class FeedQuery {
  @ApiPropertyOptional({
    enum: LOCALES,
    description:
      'The language of the titles and speakers, where the coordinator gave them in it; the base ones without it.',
  })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}
