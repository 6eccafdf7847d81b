import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { type JobCommand, jobDecider, jobStreamId, parseJobEvent } from '@app/hiring';
import { DeciderWriter } from '../infrastructure/decider-writer';
import { eventMetadata, type RequestContext } from '../http/request-context';
import { type WriteResult } from '../applications/write-result';

export const jobStream = jobStreamId;

export class ChangeJob extends Command<WriteResult> {
  constructor(
    readonly jobId: string,
    readonly command: (now: string) => JobCommand,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeJob)
export class ChangeJobHandler implements ICommandHandler<ChangeJob> {
  constructor(private readonly writer: DeciderWriter) {}

  async execute({ jobId, command, context }: ChangeJob): Promise<WriteResult> {
    const outcome = await this.writer.write({
      streamId: jobStream(jobId),
      decider: jobDecider,
      parse: parseJobEvent,
      command: (_, now) => command(now),
      expectedVersion: context.expectedVersion,
      metadata: eventMetadata(context),
    });
    return { id: jobId, version: outcome.version, position: outcome.position };
  }
}
