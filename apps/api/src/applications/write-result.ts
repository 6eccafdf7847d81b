/** What every successful write answers (SPEC §4): the stream's new revision and global position. */
export interface WriteResult {
  id: string;
  version: number;
  position: number;
  [extra: string]: unknown;
}
