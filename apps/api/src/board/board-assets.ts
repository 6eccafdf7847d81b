import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

/** Where `npm run build:board` writes the page (apps/board/build.mjs), relative to the working directory. */
export const DEFAULT_BOARD_DIR = resolve(process.cwd(), 'dist/board');

/**
 * The page holds no data and runs only its own bundled script and stylesheet; the API calls go to
 * the same origin with the bearer token. Nothing inline is allowed, so an injected string in a
 * candidate's name can never run as code.
 */
export const BOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The build is flat: a plain file name, no folders, so no path can climb out of the directory. */
const ASSET_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9]+)+$/;

/**
 * index.html carries this tag; the server says in it whether development tokens may be asked for.
 * Matched however a formatter writes the void element.
 */
const DEV_TOKENS_MARKER = /<meta name="board-dev-tokens" content="off"\s*\/?>/;

export type Asset = { kind: 'found'; body: Buffer; contentType: string } | { kind: 'not-built' } | { kind: 'missing' };

export class BoardAssets {
  constructor(
    private readonly dir: string,
    private readonly devTokens: boolean,
  ) {}

  async page(): Promise<Asset> {
    const index = await this.read('index.html');
    if (index === undefined) return { kind: 'not-built' };
    const html = index.toString('utf8').replace(DEV_TOKENS_MARKER, devTokensMeta(this.devTokens));
    return { kind: 'found', body: Buffer.from(html, 'utf8'), contentType: CONTENT_TYPES['.html'] };
  }

  async asset(name: string): Promise<Asset> {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!ASSET_NAME.test(name) || contentType === undefined || name === 'index.html') return { kind: 'missing' };
    const body = await this.read(name);
    if (body !== undefined) return { kind: 'found', body, contentType };
    return (await this.read('index.html')) === undefined ? { kind: 'not-built' } : { kind: 'missing' };
  }

  private async read(name: string): Promise<Buffer | undefined> {
    try {
      return await readFile(join(this.dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}

const devTokensMeta = (on: boolean) => `<meta name="board-dev-tokens" content="${on ? 'on' : 'off'}">`;
