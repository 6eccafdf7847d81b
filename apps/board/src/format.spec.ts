import { describe, expect, it } from '@jest/globals';
import { badgeFor, duration, localInputToInstant, tokenClaims } from './format';
import { answered, back, firstPage, forward, pageLabel } from './pager';
import { answerKey, MAX_RENDER_AGE_MS, RenderGate } from './view';

describe('what a card says', () => {
  it('says time in stage the way a recruiter would', () => {
    expect([0.5, 5.9, 24, 76.5, -30].map(duration)).toEqual(['30 min', '5 h', '1 d', '3 d 4 h', '1 d 6 h']);
  });

  it('shows a breach before a risk, and ok for everything else', () => {
    const breached = new Set(['a']);
    const atRisk = new Set(['a', 'b']);
    expect(['a', 'b', 'c'].map((id) => badgeFor(id, breached, atRisk))).toEqual(['breached', 'at-risk', 'ok']);
  });
});

describe('what the page reads from its inputs', () => {
  it('turns an empty or impossible as-of into no filter at all', () => {
    expect(localInputToInstant('')).toBeUndefined();
    expect(localInputToInstant('not a date')).toBeUndefined();
    expect(localInputToInstant('2026-11-24T10:00')).toMatch(/^2026-11-2\dT\d\d:00:00\.000Z$/);
  });

  it('reads who a token speaks for, and nothing from a token that is not a JWT', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'rec-1', role: 'recruiter' })).toString('base64url');
    expect(tokenClaims(`e30.${payload}.sig`)).toMatchObject({ sub: 'rec-1', role: 'recruiter' });
    expect(tokenClaims('garbage')).toBeUndefined();
    expect(tokenClaims('a.%%%.c')).toBeUndefined();
  });
});

describe('paging through a list', () => {
  it('goes forward along next cursors and back along the ones it came through', () => {
    const second = forward(answered(firstPage, 'c2'));
    const third = forward(answered(second, 'c3'));
    expect(third.current).toBe('c3');
    expect(back(third).current).toBe('c2');
    expect(back(back(third)).current).toBeUndefined();
  });

  it('cannot go past the last page or before the first', () => {
    const last = answered(firstPage, null);
    expect(forward(last)).toBe(last);
    expect(back(firstPage)).toBe(firstPage);
  });

  it('labels the second page of twenty with the total', () => {
    const second = forward(answered(firstPage, 'c2'));
    expect(pageLabel(second, 20, 20, 57)).toBe('21–40 of 57');
    expect(pageLabel(firstPage, 20, 0, 0)).toBe('none');
  });
});

describe('skipping work when nothing changed', () => {
  it('renders a new answer, skips the same one, and renders it again once it is old', () => {
    const gate = new RenderGate();
    expect(gate.shouldRender('@5', 0, false)).toBe(true);
    expect(gate.shouldRender('@5', 900, false)).toBe(false);
    expect(gate.shouldRender('@6', 1800, false)).toBe(true);
    expect(gate.shouldRender('@6', 1800 + MAX_RENDER_AGE_MS, false)).toBe(true);
    expect(gate.shouldRender('@6', 1800 + MAX_RENDER_AGE_MS, true)).toBe(true);
  });

  it('knows an answer by its projection position, or by its body without asOf', () => {
    expect(answerKey({ data: { asOf: 'x' }, position: 12 })).toBe('@12');
    const early = answerKey({ data: { asOf: '2026-11-24T10:00:00Z', items: [1] }, position: null });
    const later = answerKey({ data: { asOf: '2026-11-24T10:00:01Z', items: [1] }, position: null });
    expect(early).toBe(later);
  });
});
