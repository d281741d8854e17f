import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, MaxLength } from 'class-validator';

export const STAFF_ROLES = ['coordinator', 'reviewer'] as const;

export class AddStaffDto {
  @ApiProperty({ example: 'reviewer@karvan.example' }) @IsEmail() @MaxLength(254) email: string;
  @ApiPropertyOptional({ enum: STAFF_ROLES, default: 'reviewer', example: 'reviewer' })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role: (typeof STAFF_ROLES)[number] = 'reviewer';
}
