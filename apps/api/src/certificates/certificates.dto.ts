import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

@ApiSchema({ name: 'CertificateRevokeDto' })
export class RevokeDto {
  @ApiProperty({
    description: 'Why the certificate is revoked; shown on its public verification page.',
    example: 'Issued to the wrong person.',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}
