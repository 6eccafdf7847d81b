import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES, WEBHOOK_FORMATS, type WebhookFormat } from '@app/notifications';
import { OneOf, OptionalInteger } from '@app/platform';

const SUBSCRIBABLE = [ALL_EVENTS, ...WEBHOOK_EVENT_TYPES];
const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
const ENDPOINT_STATUSES = ['active', 'disabled'] as const;

// ---- requests ---------------------------------------------------------------------------------------

/**
 * `POST /webhooks`. The shape is checked here; where the URL points (http/https, no credentials,
 * no private address unless WEBHOOK_ALLOW_PRIVATE) is the engine's check, made when it resolves it.
 */
export class CreateWebhookDto {
  @ApiProperty({ maxLength: 2048, example: 'https://hooks.example.com/hiring' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({
    type: [String],
    enum: SUBSCRIBABLE,
    example: ['application.submitted', 'sla.met'],
    description: 'Event types, or `["*"]` for all of them.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SUBSCRIBABLE.length)
  @IsIn(SUBSCRIBABLE, {
    each: true,
    message: `each of $property must be "*" or one of: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
  })
  events!: string[];

  @OneOf(WEBHOOK_FORMATS, { optional: true })
  format?: WebhookFormat;

  @ApiPropertyOptional({ maxLength: 500, nullable: true, example: 'Recruiting Slack channel' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

export class ListDeliveriesDto {
  @OneOf(DELIVERY_STATUSES, { optional: true })
  status?: (typeof DELIVERY_STATUSES)[number];

  @OptionalInteger(1, 100, 'Page size, default 50.')
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

// ---- answers, for the OpenAPI document ----------------------------------------------------------------

export class WebhookDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'https://hooks.example.com/hiring' })
  url!: string;

  @ApiProperty({ type: [String], example: ['application.submitted', 'sla.met'] })
  events!: string[];

  @ApiProperty({ enum: WEBHOOK_FORMATS })
  format!: WebhookFormat;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ enum: ENDPOINT_STATUSES })
  status!: (typeof ENDPOINT_STATUSES)[number];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'nothing but failures for 5 days',
    description: 'Why a disabled webhook was disabled.',
  })
  disabledReason!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Start of the current run of failed attempts; cleared by any success.',
  })
  failingSince!: string | null;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The signing key (`whsec_` + base64). Shown only in this answer.',
  })
  secret!: string;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', description: 'The `webhook-id` header of every attempt.' })
  eventId!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES })
  type!: string;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: (typeof DELIVERY_STATUSES)[number];

  @ApiProperty({ type: 'integer' })
  attempts!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastAttemptAt!: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'answered 500' })
  lastError!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null once delivered or failed.' })
  nextAttemptAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto], description: 'Newest first.' })
  items!: DeliveryDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Null on the last page.' })
  nextCursor!: string | null;
}

export class TestQueuedDto {
  @ApiProperty({ format: 'uuid' })
  deliveryId!: string;

  @ApiProperty({ description: 'The `webhook-id` the test will carry.' })
  eventId!: string;
}

export class RetryQueuedDto {
  @ApiProperty({ format: 'uuid' })
  deliveryId!: string;
}
