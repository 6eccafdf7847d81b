import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export const ROLES = ['recruiter', 'hiring_manager', 'interviewer', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, from the JWT. */
export interface Actor {
  id: string;
  role: Role;
  name?: string;
}

/** SPEC §4's role table, by action. "Own" rules (scorecards, interviewer reads) are checked further in. */
export const CAN = {
  manageJobs: ['recruiter', 'hiring_manager', 'admin'],
  submitApplications: ['recruiter', 'admin'],
  manageInterviews: ['recruiter', 'hiring_manager', 'admin'],
  submitScorecards: ['recruiter', 'hiring_manager', 'interviewer', 'admin'],
  decide: ['recruiter', 'hiring_manager', 'admin'],
  readApplications: ['recruiter', 'hiring_manager', 'interviewer', 'admin'],
  readDashboards: ['recruiter', 'hiring_manager', 'viewer', 'admin'],
  administer: ['admin'],
  /** Jobs are what everyone's work hangs on: every role may see them. */
  readJobs: ROLES,
} as const satisfies Record<string, readonly Role[]>;

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';

export const Roles = (roles: readonly Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
