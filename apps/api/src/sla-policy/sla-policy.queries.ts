import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  InvalidSlaPolicy,
  type SlaPolicyDocument,
  normalisePolicy,
  policyInForceAt,
  policyProblems,
} from '@app/hiring';
import {
  type SlaSummary,
  type Sql,
  type SummaryParams,
  appliedInReadModel,
  previewSlaSummary,
  slaPolicyProgress,
} from '@app/projections';
import { type Clock, CLOCK, READ_MODEL_SQL, SlaPolicyTimeline } from '@app/platform';
import { type PolicyView, policyView } from './policy-view';

/** The version in force now (SPEC §7). */
export class GetSlaPolicy extends Query<PolicyView> {}

/** Every version, oldest first. */
export class GetSlaPolicyHistory extends Query<{ items: PolicyView[] }> {}

/** What /sla/summary would answer had `policy` always been in force; changes nothing. */
export class PreviewSlaPolicy extends Query<SlaSummary> {
  constructor(
    readonly policy: Record<string, unknown>,
    readonly params: SummaryParams,
  ) {
    super();
  }
}

/**
 * Versions come from the `sla-policy` stream (read-your-writes); whether the dashboards judge by
 * each yet comes from the read model.
 */
abstract class PolicyReader {
  constructor(
    protected readonly policy: SlaPolicyTimeline,
    @Inject(READ_MODEL_SQL) protected readonly sql: Sql,
  ) {}

  protected async read() {
    const [{ versions }, progress] = await Promise.all([this.policy.versions(), slaPolicyProgress(this.sql)]);
    const timeline = versions.length > 0 ? versions : await this.policy.timeline();
    // The configuration standing in for a log without versions is what the read model judges by too.
    const applied = (version: number) => versions.length === 0 || appliedInReadModel(progress, version);
    return { timeline, applied };
  }
}

@QueryHandler(GetSlaPolicy)
export class GetSlaPolicyHandler extends PolicyReader implements IQueryHandler<GetSlaPolicy> {
  constructor(
    policy: SlaPolicyTimeline,
    @Inject(READ_MODEL_SQL) sql: Sql,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(policy, sql);
  }

  async execute(): Promise<PolicyView> {
    const { timeline, applied } = await this.read();
    const inForce = policyInForceAt(timeline, this.clock.now().toISOString());
    return policyView(inForce, applied(inForce.version));
  }
}

@QueryHandler(GetSlaPolicyHistory)
export class GetSlaPolicyHistoryHandler extends PolicyReader implements IQueryHandler<GetSlaPolicyHistory> {
  async execute(): Promise<{ items: PolicyView[] }> {
    const { timeline, applied } = await this.read();
    return { items: timeline.map((version) => policyView(version, applied(version.version))) };
  }
}

@QueryHandler(PreviewSlaPolicy)
export class PreviewSlaPolicyHandler implements IQueryHandler<PreviewSlaPolicy> {
  constructor(@Inject(READ_MODEL_SQL) private readonly sql: Sql) {}

  execute({ policy, params }: PreviewSlaPolicy): Promise<SlaSummary> {
    // The same checks as a PUT, with the fields named as they are in this body.
    const problems = policyProblems(policy);
    if (problems.length > 0) {
      throw new InvalidSlaPolicy(
        problems.map(({ field, message }) => ({ field: field ? `policy.${field}` : 'policy', message })),
      );
    }
    return previewSlaSummary(this.sql, normalisePolicy(policy as SlaPolicyDocument), params);
  }
}

export const SLA_POLICY_QUERY_HANDLERS = [GetSlaPolicyHandler, GetSlaPolicyHistoryHandler, PreviewSlaPolicyHandler];
