import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ROLES, type Role } from '@karvan/domain';

export class SetRolesDto {
  @ApiProperty({ enum: ROLES, isArray: true, example: ['trainee', 'trainer'] })
  // An HTML form sends one checked box as a string and none at all as nothing.
  @Transform(({ value }: { value: unknown }): unknown[] =>
    value === undefined ? [] : Array.isArray(value) ? value : [value],
  )
  @IsArray()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles: Role[];
}

export class ListUsersQuery {
  @IsOptional() @IsString() @MaxLength(200) q?: string;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  /** Pages only: the user whose roles were just saved, for the confirmation. */
  @IsOptional() @IsUUID() saved?: string;
}
