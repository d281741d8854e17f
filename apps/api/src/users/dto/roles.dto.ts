import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/page-query.js';
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

export class ListUsersQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(200) q?: string;

  /** Pages only: the user whose roles were just saved, for the confirmation. */
  @IsOptional() @IsUUID() saved?: string;
}
