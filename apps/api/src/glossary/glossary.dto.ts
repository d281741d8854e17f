import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LOCALES } from '@karvan/domain';

export class GlossaryQuery {
  @ApiPropertyOptional({ enum: LOCALES, description: "The entries' language; by default the reader's." })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: string;

  @ApiPropertyOptional({
    description: 'Part of a term in any language; case, accents, ə/ı/İ and ё are ignored.',
    example: 'icaze',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
