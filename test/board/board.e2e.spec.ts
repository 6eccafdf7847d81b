import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { TestClock } from '../support/app';
import { pipeline } from '../support/pipeline';
import { type BoardTestApp, buildBoard, startBoardApp } from './board-app';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = 'dist/test-artifacts/board';
/** SPEC §8: the board shows a write within 2 s, without a reload. */
const FRESHNESS_MS = 2000;
const HOUR_MS = 3_600_000;

const card = (stage: string, id: string) => `.column[data-stage="${stage}"] .card[data-application-id="${id}"]`;

describe('the board in a browser', () => {
  let board: { dir: string; remove: () => Promise<void> };
  let t: BoardTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  const ids: Record<string, string> = {};
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * HOUR_MS).toISOString();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `The board's browser tests need Chromium at ${CHROMIUM} (Debian: apt-get install chromium); it is missing.`,
      );
    }
    await mkdir(ARTIFACTS, { recursive: true });
    board = await buildBoard();
    t = await startBoardApp(board.dir, new TestClock(now));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    await seed();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await board?.remove();
  });

  /** A fresh tab per test; anything the page logs as an error or a CSP violation fails the test. */
  async function openBoard(path = '/board'): Promise<Page> {
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    // Fail in seconds, not half a minute: every wait here is for something that takes about one.
    page.setDefaultTimeout(10_000);
    problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // Refused requests are part of the story (401, 403, 404 of routes not built yet); scripts
      // failing or the policy blocking something are not.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(message.text());
    });
    await page.goto(t.baseUrl + path);
    return page;
  }

  afterEach(async () => {
    await context?.close();
    expect(problems).toEqual([]);
  });

  async function signIn(role: string, sub: string): Promise<void> {
    await page.selectOption('.dev-picker select[name="role"]', role);
    await page.fill('.dev-picker input[name="sub"]', sub);
    await page.click('.dev-picker button[type="submit"]');
  }

  /**
   * A few candidates spread over the pipeline, their clocks started in the past. Each change to an
   * application happens at an instant of its own, as requests do in life.
   */
  async function seed(): Promise<void> {
    const p = pipeline(t);
    const at = (hours: number) => t.clock.set(hoursAgo(hours));
    at(150);
    const job = await p.openJob('Backend Engineer');
    const designJob = await p.openJob('Product Designer');
    at(144);
    ids.alan = await p.submit(job, undefined, 'Alan Turing');
    ids.barbara = await p.submit(job, undefined, 'Barbara Liskov');
    at(120);
    ids.ada = await p.submit(job, undefined, 'Ada Lovelace');
    await p.move(ids.alan, 'recruiter_screen');
    at(96);
    ids.grace = await p.submit(job, undefined, 'Grace Hopper');
    at(95);
    await p.move(ids.grace, 'recruiter_screen');
    at(72);
    ids.katherine = await p.submit(job, undefined, 'Katherine Johnson');
    for (const [i, stage] of ['recruiter_screen', 'manager_interviews', 'technical'].entries()) {
      at(71 - i);
      await p.move(ids.katherine, stage);
      if (stage !== 'technical') await p.move(ids.barbara, stage);
    }
    at(31);
    const call = await p.schedule(ids.alan, 'recruiter_call', ['int-2'], hoursAgo(31));
    ids.margaret = await p.submit(designJob, undefined, 'Margaret Hamilton');
    at(30);
    await p.held(ids.alan, call, hoursAgo(30));
    for (const [i, stage] of ['technical', 'cto', 'references', 'offer'].entries()) {
      at(40 - i * 10);
      await p.move(ids.barbara, stage);
    }
    at(1);
    ids.edsger = await p.submit(job, undefined, 'Edsger Dijkstra');
    t.clock.set(now.toISOString());
  }

  it('shows the pipeline to a recruiter who picks the role in the development picker', async () => {
    await openBoard();
    await signIn('recruiter', 'rec-1');
    await page.locator(card('applied', ids.ada)).waitFor();
    await page.locator(`${card('recruiter_screen', ids.alan)} .badge[data-sla="at-risk"]`).waitFor();
    expect(await page.textContent(`${card('applied', ids.ada)} .badge`)).toBe('breached');
    expect(await page.textContent(`${card('applied', ids.ada)} .in-stage`)).toBe('5 d');
    expect(await page.textContent(`${card('offer', ids.barbara)} .badge`)).toBe('ok');
    expect(await page.textContent(`${card('technical', ids.katherine)} .badge`)).toBe('ok');
    // Each application is on the board once, in the stage it is in now.
    for (const id of Object.values(ids))
      expect(await page.locator(`.card[data-application-id="${id}"]`).count()).toBe(1);
    expect(await page.textContent('.who')).toBe('Signed in as rec-1 (recruiter)');
    await page.screenshot({ path: join(ARTIFACTS, 'pipeline.png') });
    // The README's picture of the board: BOARD_README_SCREENSHOT=1 npm test -- test/board
    if (process.env.BOARD_README_SCREENSHOT)
      await page.screenshot({ path: 'docs/board.png', clip: { x: 0, y: 0, width: 1440, height: 420 } });
  });

  it('moves a card to its new column within two seconds of a move through the API', async () => {
    await openBoard();
    await signIn('hiring_manager', 'hm-1');
    await page.locator(card('applied', ids.edsger)).waitFor();
    await pipeline(t).move(ids.edsger, 'recruiter_screen');
    const moved = Date.now();
    await page.locator(card('recruiter_screen', ids.edsger)).waitFor({ timeout: FRESHNESS_MS });
    expect(Date.now() - moved).toBeLessThanOrEqual(FRESHNESS_MS);
    expect(await page.locator(card('applied', ids.edsger)).count()).toBe(0);
  });

  it('lists the breaches of an interview held three days ago that nobody followed up', async () => {
    await openBoard('/board#sla');
    await signIn('recruiter', 'rec-1');
    await page.locator('[data-list="breaches"] tbody tr').first().waitFor();
    const p = pipeline(t);
    const interview = await p.schedule(ids.grace, 'recruiter_call', ['int-9'], hoursAgo(73));
    await p.held(ids.grace, interview, hoursAgo(72));
    const row = page.locator(`[data-list="breaches"] tr[data-application-id="${ids.grace}"][data-kind="scorecard"]`);
    await row.waitFor({ timeout: FRESHNESS_MS });
    expect(await row.textContent()).toContain('int-9');
    expect(await row.textContent()).toContain('Grace Hopper');
    await page.screenshot({ path: join(ARTIFACTS, 'breaches.png'), fullPage: true });

    await page.fill('.filters input[name="interviewerId"]', 'int-9');
    await page.locator('.filters input[name="interviewerId"]').dispatchEvent('change');
    await page.waitForFunction(
      (id) => {
        const rows = [...document.querySelectorAll('[data-list="breaches"] tbody tr')];
        return rows.length > 0 && rows.every((r) => r.getAttribute('data-application-id') === id);
      },
      ids.grace,
      { timeout: FRESHNESS_MS },
    );
  });

  it('says a pasted garbage token was refused, and that an interviewer may not see the pipeline', async () => {
    await openBoard();
    await page.fill('.paste input[name="token"]', 'this.is-not.a-token');
    await page.click('.paste button[type="submit"]');
    await page.getByText('Your token was refused: The token is invalid or expired.').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'refused-token.png') });

    await signIn('interviewer', 'int-9');
    await page.locator('.view-pipeline').getByText('Your role cannot see this.').waitFor();
    expect(await page.locator('.session-message').isHidden()).toBe(true);
  });

  it('shows every other view, and says so where the server offers no such route yet', async () => {
    await openBoard();
    await signIn('admin', 'admin-1');
    await page.locator(card('applied', ids.ada)).waitFor();
    for (const view of ['mine', 'compliance', 'reports']) {
      await page.click(`.tab[data-view="${view}"]`);
      const section = page.locator(`.view-${view}`);
      await section.locator('canvas:visible, .notice').first().waitFor();
      await page.screenshot({ path: join(ARTIFACTS, `${view}.png`), fullPage: true });
    }
    await page.click('.tab[data-view="compliance"]');
    await page.locator('[data-chart="compliance-stage"] canvas').waitFor();
    expect(await page.locator('[data-chart="compliance-stage"] .notice-error').count()).toBe(0);
  });

  it('sends a browser that opens the service address to the board', async () => {
    await openBoard('/');
    expect(new URL(page.url()).pathname).toBe('/board');
    await page.locator('h1', { hasText: 'Hiring board' }).waitFor();
  });
});
