export * from './reminder-timer';
