import { INBOX_PAGE, INBOX_STATUSES, type InboxStatus } from '@app/projections';
import { ConsistentReadDto, OneOf, OptionalInstant, OptionalInteger } from '@app/platform';

/** The query string of GET /me/obligations (SPEC §6). */
export class MyObligationsDto extends ConsistentReadDto {
  @OneOf(INBOX_STATUSES, { optional: true })
  status?: InboxStatus;

  @OptionalInstant('Judge the obligations at this instant, past or future; default now.')
  asOf?: string;

  @OptionalInteger(1, INBOX_PAGE.max, `Items listed at most, most urgent first; default ${INBOX_PAGE.default}.`)
  limit?: number;
}
