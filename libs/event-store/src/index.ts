export * from './event-store';
export * from './shredding';
export * from './open-event-store';
export * from './command-handling';
export * from './sent-together';
