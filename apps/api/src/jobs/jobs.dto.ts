import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ConsistentReadDto } from '@app/platform';

export class OpenJobDto {
  @ApiProperty({ maxLength: 200, example: 'Senior Backend Engineer' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Engineering' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string;
}

export class JobsDto extends ConsistentReadDto {}
