export * from './funnel';
export * from './sla-gauges';
export * from './statistics';
export * from './time-in-stage';
