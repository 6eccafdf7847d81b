import {
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
  type InterviewKind,
  type Stage,
  decideApplication,
  evolveApplication,
  initialApplicationState,
  interviewKindsOf,
  nextStage,
} from '@app/hiring';

/**
 * A faithful generator of hiring traffic for specs and the benchmark: each application's life is
 * played through the domain's decider (so every event is one the API could have written), with
 * delays drawn to look like a real team — most candidates rejected early, feedback usually within
 * a day or two, sometimes late, sometimes never. Deterministic for a given seed.
 */
export interface TrafficOptions {
  applications: number;
  jobs: string[];
  interviewers: string[];
  /** Submissions are spread over [start, end); nothing happens at or after `end`. */
  start: Date;
  end: Date;
  seed?: number;
}

export interface GeneratedEvent {
  applicationId: string;
  event: ApplicationEvent;
  at: number;
}

const HOUR = 3_600_000;

export function* applicationLives(options: TrafficOptions): Generator<GeneratedEvent[]> {
  const random = mulberry32(options.seed ?? 1);
  const span = options.end.getTime() - options.start.getTime();
  for (let n = 0; n < options.applications; n += 1) {
    yield life(random, options, options.start.getTime() + random() * span);
  }
}

/** Every application's events, merged into one log in time order (ties keep each stream's order). */
export function generateTraffic(options: TrafficOptions): GeneratedEvent[] {
  const all: GeneratedEvent[] = [];
  for (const events of applicationLives(options)) for (const e of events) all.push(e);
  return all.sort((a, b) => a.at - b.at);
}

type Action = { at: number; command: Omit<ApplicationCommand, 'actor' | 'now'>; actor: string };

function life(random: () => number, options: TrafficOptions, submittedAt: number): GeneratedEvent[] {
  const applicationId = uuidFrom(random);
  const actions = plan(random, options, applicationId, submittedAt);
  // The main line is sequential; scorecards come in between, whenever their authors get to them.
  actions.sort((a, b) => a.at - b.at);
  const events: GeneratedEvent[] = [];
  let state: ApplicationState = initialApplicationState;
  for (const { at, command, actor } of actions) {
    if (at >= options.end.getTime()) break;
    const now = new Date(at).toISOString();
    for (const event of decideApplication({ ...command, actor, now } as ApplicationCommand, state)) {
      state = evolveApplication(state, event);
      events.push({ applicationId, event, at });
    }
  }
  return events;
}

function plan(random: () => number, options: TrafficOptions, applicationId: string, submittedAt: number): Action[] {
  const actions: Action[] = [];
  let clock = submittedAt;
  const newId = () => uuidFrom(random);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const hours = (min: number, max: number) => (min + random() * (max - min)) * HOUR;
  const next = (at: number, command: Action['command'], actor = 'recruiter-rita') => {
    clock = at;
    actions.push({ at, command, actor });
  };

  next(clock, {
    type: 'SubmitApplication',
    data: { applicationId, jobId: pick(options.jobs), source: pick(['referral', 'linkedin', 'careers-page']) },
  });
  let stage: Stage = 'applied';
  for (;;) {
    // The candidate waits for a decision: usually a day or so, sometimes far too long.
    const decisionAt = clock + (random() < 0.85 ? hours(1, 40) : hours(40, 120));
    const roll = random();
    if (stage === 'offer') {
      next(decisionAt, {
        type: 'ExtendOffer',
        data: { offerId: newId(), salary: 90_000, currency: 'EUR', startDate: '2027-01-04' },
      });
      next(
        clock + hours(4, 72),
        random() < 0.8
          ? { type: 'AcceptOffer', data: {} }
          : { type: 'WithdrawApplication', data: { reason: 'accepted elsewhere' } },
      );
      return actions;
    }
    if (roll < rejectChance(stage)) {
      next(decisionAt, {
        type: 'RejectApplication',
        data: { reasonCode: pick(['skills_gap', 'experience', 'salary']), note: null },
      });
      return actions;
    }
    if (roll > 0.97) {
      next(decisionAt, { type: 'WithdrawApplication', data: { reason: null } });
      return actions;
    }
    const to = nextStage(stage);
    if (!to) return actions;
    next(decisionAt, { type: 'MoveApplication', data: { toStage: to } });
    stage = to;
    if (to === 'references') {
      for (let r = 0; r < 2; r++) {
        next(clock + hours(2, 30), {
          type: 'RecordReference',
          data: {
            referenceId: newId(),
            refereeName: 'Referee',
            relationship: 'former manager',
            outcome: 'positive',
            notes: null,
          },
        });
      }
      continue;
    }
    // Every interview of the stage is booked at once, on different days.
    const bookedAt = clock + hours(1, 24);
    let lastHeld = bookedAt;
    for (const kind of interviewKindsOf(to)) lastHeld = Math.max(lastHeld, interview(kind, bookedAt));
    clock = lastHeld;
  }

  /** Books, holds (perhaps after a cancellation or no-show and a new booking) and collects scorecards; returns when it was recorded held. */
  function interview(kind: InterviewKind, bookedAt: number): number {
    const interviewId = newId();
    const panel =
      kind === 'engineering_managers'
        ? 2
        : kind === 'recruiter_call' || kind === 'cto_meeting'
          ? 1
          : 1 + Math.floor(random() * 2);
    const interviewerIds = [...new Set(Array.from({ length: panel }, () => pick(options.interviewers)))];
    const scheduledAt = bookedAt + hours(24, 120);
    actions.push({
      at: bookedAt,
      command: {
        type: 'ScheduleInterview',
        data: {
          interviewId,
          kind,
          interviewerIds,
          scheduledAt: new Date(scheduledAt).toISOString(),
          durationMinutes: 60,
        },
      },
      actor: 'recruiter-rita',
    });
    const fate = random();
    if (fate < 0.04) {
      const at = scheduledAt + hours(0.5, 2);
      actions.push({
        at,
        command:
          fate < 0.02
            ? { type: 'MarkInterviewNoShow', data: { interviewId } }
            : { type: 'CancelInterview', data: { interviewId, reason: null } },
        actor: 'recruiter-rita',
      });
      return interview(kind, at + hours(0.1, 4));
    }
    // Recorded a little after it happened, sometimes the next day.
    const recordedAt = scheduledAt + hours(0.2, 20);
    actions.push({
      at: recordedAt,
      command: { type: 'MarkInterviewHeld', data: { interviewId, heldAt: new Date(scheduledAt).toISOString() } },
      actor: 'recruiter-rita',
    });
    for (const interviewerId of interviewerIds) {
      const late = random();
      if (late < 0.02) continue;
      const at = Math.max(recordedAt + 60_000, scheduledAt + (late < 0.85 ? hours(1, 40) : hours(40, 150)));
      actions.push({
        at,
        command: { type: 'SubmitScorecard', data: { interviewId, rating: 3, recommendation: 'yes', notes: null } },
        actor: interviewerId,
      });
    }
    return recordedAt;
  }
}

function rejectChance(stage: Stage): number {
  return stage === 'applied' ? 0.25 : stage === 'recruiter_screen' ? 0.2 : stage === 'references' ? 0.05 : 0.15;
}

/** Small, fast, seedable. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
