export * from './key-store';
export * from './shredding-event-store';
