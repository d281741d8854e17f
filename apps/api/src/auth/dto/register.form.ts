import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LOCALES, PASSWORD_MIN_LENGTH, type Locale } from '@karvan/domain';

export class RegisterForm {
  @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsEmail() @MaxLength(254) email: string;
  @IsString() @MinLength(PASSWORD_MIN_LENGTH) @MaxLength(200) password: string;
  @IsOptional() @IsString() @MaxLength(200) organisation?: string;
  @IsOptional() @IsString() @MaxLength(200) position?: string;
  @IsIn(LOCALES) locale: Locale;
}
