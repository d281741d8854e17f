import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { BOOK_EDITIONS, BOOK_FORMATS, LOCALES } from '@karvan/domain';

export class BookRequestDto {
  @ApiProperty({ enum: LOCALES, description: 'The language of the book.', example: 'az' })
  @IsIn(LOCALES)
  language: string;

  @ApiProperty({
    enum: BOOK_EDITIONS,
    description: 'trainee (exercises only) or trainer (with the answer key).',
    example: 'trainee',
  })
  @IsIn(BOOK_EDITIONS)
  edition: string;

  @ApiProperty({ enum: BOOK_FORMATS, example: 'pdf' })
  @IsIn(BOOK_FORMATS)
  format: string;
}
