import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { LOCALES } from '@karvan/domain';

export class EnrolDto {
  @ApiPropertyOptional({ description: 'The enrolment key, for courses that need one.', example: 'migration-2026' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  key?: string;
}

export class CatalogueQuery {
  @IsOptional() @IsIn(LOCALES) language?: string;
  @IsOptional() @IsString() @MaxLength(40) notice?: string;
}

export class DecisionDto {
  @ApiProperty() @IsUUID() userId: string;
  @ApiProperty({ enum: ['approve', 'decline'] }) @IsIn(['approve', 'decline']) decision: 'approve' | 'decline';
}
