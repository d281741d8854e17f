import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LOCALES, PASSWORD_MIN_LENGTH, type Locale } from '@karvan/domain';

export class ProfileDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) organisation = '';
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) position = '';
  @ApiProperty({ enum: LOCALES }) @IsIn(LOCALES) locale: Locale;
}

export class PasswordChangeDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) currentPassword: string;
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  newPassword: string;
}

export class CreateTokenDto {
  @ApiProperty({ maxLength: 100, example: 'reporting script' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
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
