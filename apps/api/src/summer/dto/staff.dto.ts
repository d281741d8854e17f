import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';

export const STAFF_ROLES = ['coordinator', 'reviewer'] as const;

export class AddStaffDto {
  @ApiProperty({ example: 'reviewer@karvan.example' }) @IsEmail() @MaxLength(254) email: string;
  @ApiPropertyOptional({ enum: STAFF_ROLES, default: 'reviewer', example: 'reviewer' })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role: (typeof STAFF_ROLES)[number] = 'reviewer';
}

export class RemoveStaffDto {
  @ApiProperty({ format: 'uuid', example: '3f1c2a9e-8b4d-4c57-9a1e-2d6f0b7c5e41' }) @IsUUID() userId: string;
  @ApiProperty({ enum: STAFF_ROLES, example: 'reviewer' }) @IsIn(STAFF_ROLES) role: (typeof STAFF_ROLES)[number];
}
