import type { EventStore } from '@app/event-store';
import type { Checkpoint } from './checkpoints';

export interface ProjectionLag {
  /** The projection's checkpoint: global position of the last event applied (0 for none). */
  position: number;
  /** The newest position in the log. */
  head: number;
  /** head − position, in positions (PostgreSQL positions are event counts, give or take gaps). */
  behind: number;
  /**
   * 0 when caught up; otherwise now minus the recordedAt of the newest event applied, or, before
   * any event was applied, of the oldest one still waiting.
   */
  secondsBehind: number;
}

export async function projectionLag(store: EventStore, checkpoint: Checkpoint, now: Date): Promise<ProjectionLag> {
  const head = await store.headPosition();
  const behind = Math.max(0, head - checkpoint.position);
  if (behind === 0) return { position: checkpoint.position, head, behind, secondsBehind: 0 };
  let since = checkpoint.eventRecordedAt;
  if (since === null) {
    const [oldestWaiting] = await store.readAll({
      after: checkpoint.position > 0 ? checkpoint.position : null,
      maxCount: 1,
    });
    since = oldestWaiting?.recordedAt ?? now;
  }
  return {
    position: checkpoint.position,
    head,
    behind,
    secondsBehind: Math.max(0, (now.getTime() - since.getTime()) / 1000),
  };
}
