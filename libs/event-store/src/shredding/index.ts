export * from './key-store';
export * from './shredding-event-store';
export * from './personal-data-keys.migration';
