/** The shapes of SPEC §4, §6 and §8 that the board reads. */

// The pipeline's vocabulary comes from the domain itself (a module with no imports), so the page
// can never list a stage the API does not know.
export { STAGES, type Stage } from '@app/hiring/stages';
import type { Stage } from '@app/hiring/stages';

export const STAGE_LABELS: Record<Stage, string> = {
  applied: 'Applied',
  recruiter_screen: 'Recruiter screen',
  manager_interviews: 'Manager interviews',
  technical: 'Technical',
  cto: 'CTO',
  references: 'References',
  offer: 'Offer',
};

export const ROLES = ['recruiter', 'hiring_manager', 'interviewer', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const OBLIGATION_KINDS = ['decision', 'scorecard', 'scheduling'] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export interface Job {
  id: string;
  title: string;
  department: string | null;
  status: 'open' | 'closed';
}

export interface Pipeline {
  asOf: string;
  stages: Array<{
    stage: Stage;
    count: number;
    applications: Array<{ id: string; candidateName: string | null; enteredAt: string }>;
  }>;
  totals: { active: number; hired: number; rejected: number; withdrawn: number };
}

interface SlaItemBase {
  applicationId: string;
  jobId: string;
  candidateName: string | null;
  stage: Stage;
  kind: ObligationKind;
  interviewerId?: string | null;
  startedAt: string;
  dueAt: string;
  owners?: string[];
  escalated?: boolean;
}
export interface BreachItem extends SlaItemBase {
  overdueHours: number;
}
export interface AtRiskItem extends SlaItemBase {
  dueInHours: number;
}
export interface SlaPage<T> {
  asOf: string;
  items: T[];
  total?: number;
  nextCursor?: string | null;
}

export interface MyObligation {
  applicationId: string;
  jobId: string;
  candidateName: string | null;
  stage: Stage;
  kind: ObligationKind;
  interviewId?: string;
  interviewerId?: string;
  startedAt: string;
  dueAt: string;
  dueInHours: number;
  escalated: boolean;
  reminders: Array<{ fraction: number; at: string }>;
}
export interface MyObligations {
  asOf: string;
  items: MyObligation[];
}

export interface SummaryGroup {
  key: string | null;
  due: number;
  metOnTime: number;
  metLate: number;
  breachedOpen: number;
  complianceRate: number | null;
}
export interface Summary {
  groups: SummaryGroup[];
}

export interface TimeInStage {
  from: string;
  to: string;
  stages: Array<{
    stage: Stage;
    visits: number;
    medianHours: number | null;
    p90Hours: number | null;
    meanHours: number | null;
    stillIn: number;
  }>;
}

export interface Funnel {
  stages: Array<{ stage: Stage; reached: number; conversion: number | null }>;
  outcomes: { active: number; hired: number; rejected: number; withdrawn: number };
  rejections: Array<{ stage: Stage; reasonCode: string; count: number }>;
}

export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
}
