import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/page-query.js';
import { ACCOUNT_STATUSES, ROLES, type AccountStatus, type Role } from '@karvan/domain';

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

  // "Any" in the page's filter form sends an empty value.
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsIn(ACCOUNT_STATUSES)
  status?: AccountStatus;

  /** Pages only: the account just created, for the confirmation. */
  @IsOptional() @IsUUID() created?: string;
}

/** Pages only: which change the account page confirms after its redirect. */
export const ACCOUNT_NOTICES = ['roles', 'reset', 'deactivated', 'reactivated'] as const;

export class AccountPageQuery {
  @IsOptional() @IsIn(ACCOUNT_NOTICES) notice?: (typeof ACCOUNT_NOTICES)[number];
}
