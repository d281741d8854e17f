import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { collectTranslations, type SummerTranslations } from '@karvan/domain';

export class CreateProgrammeDto {
  @ApiProperty({ description: '3 to 200 characters.', example: 'Migration Summer School' })
  @IsString()
  @MaxLength(200)
  title: string;
  @ApiPropertyOptional({ example: 'A week of migration management for young officials.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
  @ApiPropertyOptional({
    description: 'The title in Azerbaijani; empty shows the base title.',
    example: 'Miqrasiya yay məktəbi',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  titleAz?: string;
  @ApiPropertyOptional({ description: 'The title in Russian.', example: 'Летняя школа по миграции' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  titleRu?: string;
  @ApiPropertyOptional({ description: 'The description in Azerbaijani.', example: 'Gənc məmurlar üçün bir həftə.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  descriptionAz?: string;
  @ApiPropertyOptional({ description: 'The description in Russian.', example: 'Неделя для молодых сотрудников.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  descriptionRu?: string;
}

/** The translations a programme form carries, as the domain stores them. */
export function programmeTranslations(dto: CreateProgrammeDto): SummerTranslations {
  return collectTranslations({ ...dto }, { title: 200, description: 5000 });
}
