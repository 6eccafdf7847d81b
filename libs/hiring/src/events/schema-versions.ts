import type { ApplicationEventType } from '../application/application.events';
import type { JobEvent } from '../job/job';
import type { NoticeEvent } from '../sla/notices.decider';
import type { SlaPolicyEvent } from '../sla/sla-policy.decider';

export type HiringEventType = ApplicationEventType | JobEvent['type'] | SlaPolicyEvent['type'] | NoticeEvent['type'];
export type EventData = Record<string, unknown>;

/**
 * The schema version writers stamp on each event type today. Changing an event's payload means
 * bumping its version here and registering an upcaster from the previous one: stored events are
 * never rewritten, readers upcast them on the way in.
 */
export const EVENT_SCHEMA_VERSIONS = {
  ApplicationSubmitted: 1,
  InterviewScheduled: 1,
  InterviewHeld: 1,
  InterviewMarkedNoShow: 1,
  InterviewCancelled: 1,
  ScorecardSubmitted: 1,
  StageChanged: 1,
  ApplicationRejected: 1,
  ApplicationUnrejected: 1,
  ApplicationWithdrawn: 1,
  ReferenceRecorded: 1,
  OfferExtended: 1,
  OfferAccepted: 1,
  OfferDeclined: 1,
  CandidateUpdated: 1,
  CandidateDataErased: 1,
  JobOpened: 2,
  JobClosed: 1,
  JobTeamChanged: 1,
  SlaPolicyChanged: 1,
  ObligationReminderRecorded: 1,
  ObligationEscalated: 1,
} as const satisfies Record<HiringEventType, number>;

/** `registry[type][v]` turns a payload written at version v into version v + 1. */
export type UpcasterRegistry = Partial<Record<string, Record<number, (data: EventData) => EventData>>>;

const UPCASTERS: UpcasterRegistry = {
  // Jobs opened before hiring teams existed have nobody on their team.
  JobOpened: { 1: (data) => ({ ...data, recruiterIds: [], hiringManagerIds: [] }) },
};

/** A stored event this code cannot read: a deployment or data fault, never the client's. */
export class EventSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventSchemaError';
  }
}

export const isHiringEventType = (type: string): type is HiringEventType => Object.hasOwn(EVENT_SCHEMA_VERSIONS, type);

/** Builds an upcast over any version table and registry, so the chaining is tested with a fake v2. */
export function createUpcast(versions: Readonly<Record<string, number>>, registry: UpcasterRegistry) {
  return (type: string, schemaVersion: number, data: EventData): EventData => {
    const current = versions[type];
    if (current === undefined) throw new EventSchemaError(`Unknown event type "${type}".`);
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) {
      throw new EventSchemaError(`${type} has no schema version ${schemaVersion}; this code reads up to ${current}.`);
    }
    let upcasted = data;
    for (let version = schemaVersion; version < current; version++) {
      const step = registry[type]?.[version];
      if (step === undefined) throw new EventSchemaError(`No upcaster for ${type} from version ${version}.`);
      upcasted = step(upcasted);
    }
    return upcasted;
  };
}

/** Brings a stored payload of any known version up to the current schema of its type. */
export const upcast = createUpcast(EVENT_SCHEMA_VERSIONS, UPCASTERS);

/**
 * Free text that may describe the candidate, by event type. The event store keeps these fields
 * encrypted with a key per application; erasing the candidate's data destroys the key, so the text
 * is gone from the log too (crypto-shredding) while every other fact stays readable.
 */
export const PERSONAL_TEXT_FIELDS: Readonly<Partial<Record<keyof typeof EVENT_SCHEMA_VERSIONS, readonly string[]>>> = {
  StageChanged: ['reason'],
  InterviewCancelled: ['reason'],
  ScorecardSubmitted: ['notes'],
  ApplicationRejected: ['note'],
  ApplicationWithdrawn: ['reason'],
  ReferenceRecorded: ['refereeName', 'relationship', 'notes'],
  CandidateUpdated: ['summary'],
};
