import { ApiProperty } from '@nestjs/swagger';
import { NullableString } from '@app/platform';

/** What GET /jobs lists and GET /jobs/:id answers (SPEC §4, with the hiring team of §6). */
export class JobListItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Senior Backend Engineer' })
  title!: string;

  @NullableString()
  department!: string | null;

  @ApiProperty({ enum: ['open', 'closed'] })
  status!: 'open' | 'closed';

  @ApiProperty({ type: [String], description: 'User ids of the recruiters, who own decisions.' })
  recruiterIds!: string[];

  @ApiProperty({ type: [String], description: 'User ids of the hiring managers.' })
  hiringManagerIds!: string[];
}

export class JobDto extends JobListItemDto {
  @ApiProperty({ type: 'integer', description: 'The job stream’s revision, for If-Match.' })
  version!: number;
}
