import { type SlaPolicyVersion, policyDocument } from '@app/hiring';

/**
 * A version as GET /sla/policy shows it (SPEC §7): the normalised document with its number, who
 * changed it and when, and whether the dashboards judge by it yet (`applied`: the read model has
 * reached it and re-judged what it re-judges).
 */
export const policyView = (version: SlaPolicyVersion, applied: boolean) => ({
  ...policyDocument(version),
  changedAt: version.changedAt,
  changedBy: version.by,
  applied,
});

export type PolicyView = ReturnType<typeof policyView>;
