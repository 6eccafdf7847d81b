import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp, type TestClock } from '../support/app';

export interface BoardTestApp extends TestApp {
  /** Where the app listens, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
}

/** Builds the board the way `npm run build:board` does, into a directory of the test's own. */
export async function buildBoard(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'board-e2e-'));
  execFileSync(process.execPath, ['apps/board/build.mjs', '--outdir', dir], { stdio: 'pipe' });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The real app (event store, projections, HTTP on a loopback port) serving the board built into `boardDir`. */
export async function startBoardApp(boardDir: string, clock: TestClock): Promise<BoardTestApp> {
  const t = await startTestApp({ BOARD_DIR: boardDir }, clock);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}
