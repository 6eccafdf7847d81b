/** Webhooks wired into Nest: the service, its delivery lifecycle, and the ports it reads through. */
export { NotificationsModule, WebhookDelivery } from './notifications.module';
export { candidateNamesFrom } from './candidate-names';
export { slaMetSource } from './sla-met';
