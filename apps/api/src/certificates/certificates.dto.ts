import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RevokeDto {
  @ApiProperty({ description: 'Why the certificate is revoked; shown on its public verification page.' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}
