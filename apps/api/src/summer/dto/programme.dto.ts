import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

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
}
