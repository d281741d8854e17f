import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { LOCALES, type Locale } from '@karvan/domain';

export class RegisterForm {
  @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsEmail() @MaxLength(254) email: string;
  // Length and the rest of the password rule are checked by the domain, the same for every form.
  @IsString() @MaxLength(200) password: string;
  @IsOptional() @IsString() @MaxLength(200) organisation?: string;
  @IsOptional() @IsString() @MaxLength(200) position?: string;
  @IsIn(LOCALES) locale: Locale;
}
