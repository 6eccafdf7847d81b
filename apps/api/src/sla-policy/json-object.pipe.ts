import { Injectable, type PipeTransform } from '@nestjs/common';
import { validationProblem } from '@app/platform';

/**
 * A body the domain checks itself (an SLA policy: `policyProblems` names every field at fault), so
 * no DTO may strip or convert it first; only a body that is not a JSON object is refused here.
 */
@Injectable()
export class JsonObjectPipe implements PipeTransform<unknown, Record<string, unknown>> {
  transform(value: unknown): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw validationProblem([{ field: '', message: 'must be a JSON object' }], 'The body must be a JSON object.');
    }
    return value as Record<string, unknown>;
  }
}
