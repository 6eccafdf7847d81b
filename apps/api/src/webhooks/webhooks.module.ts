import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/platform/notifications';
import { WebhooksController } from './webhooks.controller';

@Module({
  imports: [NotificationsModule],
  controllers: [WebhooksController],
})
export class WebhooksModule {}
