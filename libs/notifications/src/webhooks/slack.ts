import type { WebhookPayload } from './payloads';

/** What a Slack incoming webhook accepts: one line of mrkdwn. */
export interface SlackBody {
  text: string;
}

// Slack reads <…> as links and mentions and & as an entity: these three must be escaped, nothing else.
export const escapeSlack = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const STAGE_NAMES: Readonly<Record<string, string>> = {
  applied: 'applied',
  recruiter_screen: 'recruiter screen',
  manager_interviews: 'manager interviews',
  technical: 'technical',
  cto: 'CTO',
  references: 'references',
  offer: 'offer',
};

const KIND_NAMES: Readonly<Record<string, string>> = {
  recruiter_call: 'Recruiter call',
  engineering_managers: 'Engineering managers interview',
  system_design: 'System design interview',
  live_coding: 'Live coding interview',
  cto_meeting: 'CTO meeting',
  decision: 'Decision',
  scorecard: 'Scorecard',
  scheduling: 'Scheduling',
};

const stage = (value: string | null) => (value === null ? 'an unknown stage' : (STAGE_NAMES[value] ?? value));
const kind = (value: string | null, fallback: string) => (value === null ? fallback : (KIND_NAMES[value] ?? value));

/** `2026-11-26 10:00 UTC`: unambiguous for readers in any time zone. */
export function slackTime(instant: string | null): string {
  if (instant === null) return 'an unknown time';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One readable line per event; the candidate's name as it is at this attempt. */
export function slackBody(payload: WebhookPayload, candidateName: string | null): SlackBody {
  return { text: escapeSlack(line(payload, candidateName ?? 'a candidate')) };
}

function line(payload: WebhookPayload, who: string): string {
  switch (payload.type) {
    case 'application.submitted':
      return `:inbox_tray: New application from ${who}`;
    case 'application.stage_changed':
      return `:arrow_right: ${who} moved from ${stage(payload.data.from)} to ${stage(payload.data.to)}`;
    case 'application.rejected':
      return `:no_entry: ${who} was rejected at ${stage(payload.data.stage)}`;
    case 'application.unrejected':
      return `:leftwards_arrow_with_hook: ${who} is back in ${stage(payload.data.stage)}`;
    case 'application.withdrawn':
      return `:wave: ${who} withdrew at ${stage(payload.data.stage)}`;
    case 'application.hired':
      return `:tada: ${who} accepted the offer`;
    case 'interview.scheduled':
      return `:calendar: ${kind(payload.data.kind, 'Interview')} with ${who} scheduled for ${slackTime(payload.data.scheduledAt)}`;
    case 'interview.held':
      return `:white_check_mark: ${kind(payload.data.kind, 'Interview')} with ${who} held at ${slackTime(payload.data.heldAt)}`;
    case 'interview.cancelled':
      return `:x: ${kind(payload.data.kind, 'Interview')} with ${who} cancelled`;
    case 'interview.no_show':
      return `:ghost: ${who} did not show up for the ${kind(payload.data.kind, 'interview').toLowerCase()}`;
    case 'scorecard.submitted':
      return `:memo: Scorecard for ${who} (${stage(payload.data.stage)}): ${payload.data.rating ?? '?'}/4, ${(payload.data.recommendation ?? 'no recommendation').replace('_', ' ')}`;
    case 'offer.extended':
      return `:envelope_with_arrow: Offer extended to ${who}`;
    case 'offer.declined':
      return `:no_entry_sign: ${who} declined the offer`;
    case 'reference.recorded':
      return `:telephone_receiver: Reference recorded for ${who}`;
    case 'candidate.updated':
      return `:speech_balloon: ${who} was told where they stand${payload.data.channel ? ` (${payload.data.channel.replace('_', ' ')})` : ''}`;
    case 'candidate.erased':
      return `:wastebasket: Candidate data erased for application ${payload.data.applicationId}`;
    case 'sla.reminder':
      return `:hourglass_flowing_sand: ${kind(payload.data.kind, 'Obligation')} for ${who} (${stage(payload.data.stage)}) is due ${slackTime(payload.data.dueAt)}`;
    case 'sla.escalated':
      return `:warning: ${kind(payload.data.kind, 'Obligation')} for ${who} (${stage(payload.data.stage)}) is overdue since ${slackTime(payload.data.dueAt)}`;
    case 'sla.met':
      return `${payload.data.onTime ? ':white_check_mark:' : ':turtle:'} ${kind(payload.data.kind, 'Obligation')} for ${who} (${stage(payload.data.stage)}) met ${payload.data.onTime ? 'on time' : 'late'}`;
    case 'webhook.test':
      return ':wave: Test event from the hiring pipeline: this webhook works';
  }
}
