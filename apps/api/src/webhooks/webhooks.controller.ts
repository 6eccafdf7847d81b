import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { WebhookService } from '@app/notifications';
import { ApiProblems, CAN, IdParam, NoBodyDto, Roles } from '@app/platform';
import {
  CreateWebhookDto,
  CreatedWebhookDto,
  DeliveryPageDto,
  ListDeliveriesDto,
  RetryQueuedDto,
  TestQueuedDto,
  WebhookDto,
} from './webhooks.dto';

/** SPEC §6 webhooks, admin only. Management works in every process; delivery runs where projections do. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
@Roles(CAN.administer)
export class WebhooksController {
  constructor(private readonly webhooks: WebhookService) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe a URL to event types; only events after this moment are sent' })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  async create(@Body() body: CreateWebhookDto): Promise<CreatedWebhookDto> {
    const { endpoint, secret } = await this.webhooks.endpoints.createEndpoint({
      url: body.url,
      events: body.events,
      format: body.format,
      description: body.description,
    });
    const { id, ...rest } = endpoint;
    return { id, secret, ...rest };
  }

  @Get()
  @ApiOkResponse({ type: [WebhookDto] })
  @ApiProblems(401, 403)
  list(): Promise<WebhookDto[]> {
    return this.webhooks.endpoints.listEndpoints();
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookDto })
  @ApiProblems(401, 403, 404)
  get(@IdParam('id', 'webhook') id: string): Promise<WebhookDto> {
    return this.webhooks.endpoints.getEndpoint(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a webhook and its delivery log' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 413, 415)
  async remove(@IdParam('id', 'webhook') id: string): Promise<void> {
    await this.webhooks.endpoints.deleteEndpoint(id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deliver again, from now on: what happened while disabled is not sent late' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  enable(@IdParam('id', 'webhook') id: string, @Body() _body: NoBodyDto): Promise<WebhookDto> {
    return this.webhooks.endpoints.setEndpointStatus(id, 'active');
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop delivering to this webhook' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  disable(@IdParam('id', 'webhook') id: string, @Body() _body: NoBodyDto): Promise<WebhookDto> {
    return this.webhooks.endpoints.setEndpointStatus(id, 'disabled');
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a `webhook.test` delivery, due now' })
  @ApiAcceptedResponse({ type: TestQueuedDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  test(@IdParam('id', 'webhook') id: string, @Body() _body: NoBodyDto): Promise<TestQueuedDto> {
    return this.webhooks.endpoints.enqueueTest(id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log, newest first' })
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiProblems(400, 401, 403, 404)
  deliveries(@IdParam('id', 'webhook') id: string, @Query() query: ListDeliveriesDto): Promise<DeliveryPageDto> {
    return this.webhooks.deliveries.listDeliveries(id, query);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Make a pending or failed delivery due now, with the same webhook-id; a delivered one is left alone',
  })
  @ApiAcceptedResponse({ type: RetryQueuedDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  async retry(
    @IdParam('id', 'webhook') id: string,
    @IdParam('deliveryId', 'delivery') deliveryId: string,
    @Body() _body: NoBodyDto,
  ): Promise<RetryQueuedDto> {
    await this.webhooks.deliveries.retryDelivery(id, deliveryId);
    return { deliveryId };
  }
}
