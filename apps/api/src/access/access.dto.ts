import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../common/page-query.js';
import { ACCESS_ROLES, SCOPE_KINDS, type AccessRole, type ScopeKind } from '@karvan/domain';

export class GrantDto {
  @ApiProperty({
    description: 'The e-mail address of the person to grant the role to.',
    example: 'leyla@migration.gov.az',
  })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ enum: ACCESS_ROLES, example: 'course_author' })
  @IsIn(ACCESS_ROLES)
  role: AccessRole;
}

@ApiSchema({ name: 'GrantRevokeDto' })
export class RevokeDto {
  @ApiProperty({ example: '3f1c2a9e-8b4d-4c57-9a1e-2d6f0b7c5e41' }) @IsUUID() userId: string;

  @ApiProperty({ enum: ACCESS_ROLES, example: 'course_author' })
  @IsIn(ACCESS_ROLES)
  role: AccessRole;
}

export class ScopeParams {
  @IsIn(SCOPE_KINDS.filter((k) => k !== 'site')) kind: Exclude<ScopeKind, 'site'>;
  @IsUUID() id: string;
}

export class OrganisationDto {
  @ApiProperty({ example: 'state-migration-service' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/)
  slug: string;

  @ApiProperty({ example: 'State Migration Service' })
  @IsString()
  @MaxLength(200)
  name: string;
}

export class AttachDto {
  @ApiProperty({ enum: ['course', 'programme'] }) @IsIn(['course', 'programme']) kind: 'course' | 'programme';
  /** A course's address (slug) or a programme's id. */
  @ApiProperty() @IsString() @MaxLength(200) target: string;
}

export class AuditQuery extends PageQuery {}

export class UserRevokeDto {
  @IsIn(ACCESS_ROLES) role: AccessRole;
  @IsIn(SCOPE_KINDS) kind: ScopeKind;
  /** Empty for a site role. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsUUID()
  scopeId?: string;
}
