import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { LOCALES, ROLES, type Locale, type Role } from '@karvan/domain';

/** An account an admin creates; its owner chooses the password from an e-mailed link. */
export class NewAccountForm {
  @ApiProperty({ example: 'Aysel Məmmədli' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: 'aysel@migration.gov.az' }) @IsEmail() @MaxLength(254) email: string;
  @ApiPropertyOptional({ example: 'State Migration Service' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisation?: string;

  @ApiPropertyOptional({ example: 'Inspector' }) @IsOptional() @IsString() @MaxLength(200) position?: string;
  @ApiProperty({ enum: LOCALES, example: 'az' }) @IsIn(LOCALES) locale: Locale;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['trainee'] })
  // An HTML form sends one checked box as a string and none at all as nothing: everyone is a trainee.
  @Transform(({ value }: { value: unknown }): unknown[] =>
    value === undefined ? ['trainee'] : Array.isArray(value) ? value : [value],
  )
  @IsArray()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles: Role[];
}
