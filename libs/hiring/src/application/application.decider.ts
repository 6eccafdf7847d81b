import type { Decider } from '../shared/decider';
import type { ApplicationCommand } from './application.commands';
import { decide } from './application.decide';
import type { ApplicationEvent } from './application.events';
import { type ApplicationState, initialState } from './application.state';
import { evolve } from './application.evolve';

export const applicationDecider: Decider<ApplicationCommand, ApplicationEvent, ApplicationState> = {
  decide,
  evolve,
  initialState,
};
