import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  DEFAULT_TOKEN_LIFETIME,
  LOCALES,
  PASSWORD_MIN_LENGTH,
  TOKEN_LIFETIMES,
  TOKEN_SCOPES,
  timeZones,
  type Locale,
  type TokenLifetime,
  type TokenScope,
} from '@karvan/domain';

export class ProfileDto {
  @ApiProperty({ maxLength: 200, example: 'Aysel Məmmədova' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional({ maxLength: 200, example: 'State Migration Service' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisation = '';
  @ApiPropertyOptional({ maxLength: 200, example: 'Specialist' }) @IsOptional() @IsString() @MaxLength(200) position =
    '';
  @ApiProperty({ enum: LOCALES, example: 'az' }) @IsIn(LOCALES) locale: Locale;
  /** Empty for the site's zone. */
  @ApiPropertyOptional({ example: 'Europe/Berlin', description: 'An IANA time zone; empty for the site’s zone.' })
  @IsOptional()
  @IsIn(['', ...timeZones()])
  timeZone?: string;
}

export class PasswordChangeDto {
  @ApiProperty({ example: 'my old passphrase' }) @IsString() @IsNotEmpty() @MaxLength(200) currentPassword: string;
  /** At least PASSWORD_MIN_LENGTH characters, not a common password, not one character repeated. */
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, example: 'a new and longer passphrase' })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

export class EmailChangeDto {
  @ApiProperty({ maxLength: 254, example: 'aysel@migration.gov.az' }) @IsEmail() @MaxLength(254) newEmail: string;
  @ApiProperty({ example: 'my passphrase' }) @IsString() @IsNotEmpty() @MaxLength(200) currentPassword: string;
}

export class CreateTokenDto {
  @ApiProperty({ maxLength: 100, example: 'reporting script' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** `read` tokens may only send GET and HEAD requests. */
  @ApiPropertyOptional({ enum: TOKEN_SCOPES, default: 'read', example: 'read' })
  @IsOptional()
  @IsIn(TOKEN_SCOPES)
  scope: TokenScope = 'read';

  @ApiPropertyOptional({
    enum: TOKEN_LIFETIMES,
    default: DEFAULT_TOKEN_LIFETIME,
    description: 'Days until it expires.',
    example: DEFAULT_TOKEN_LIFETIME,
  })
  @IsOptional()
  @Type(() => Number)
  @IsIn(TOKEN_LIFETIMES)
  expiresInDays: TokenLifetime = DEFAULT_TOKEN_LIFETIME;
}

export class TokenResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TOKEN_SCOPES }) scope: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() expiresAt: Date;
  @ApiProperty({ type: Date, nullable: true }) lastUsedAt: Date | null;
}

export class CreatedTokenResponse {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The token itself; shown in this response only.' }) token: string;
}

export class MeResponse {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty() organisation: string;
  @ApiProperty() position: string;
  @ApiProperty({ enum: LOCALES }) locale: string;
  @ApiProperty({ type: [String] }) roles: string[];
}
