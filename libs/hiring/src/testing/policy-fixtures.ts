import type { SlaPolicyDocument } from '../sla/policy';
import { SPEC_POLICY_EXAMPLE } from '../sla/policy-example';

/** The example of SPEC §7, verbatim. */
export const specExample: SlaPolicyDocument = SPEC_POLICY_EXAMPLE;
