import { describe, expect, it } from '@jest/globals';
import { ApplicationJobs } from './application-jobs';

describe('the jobs of applications a process remembers', () => {
  it('knows what it was told, and nothing else', () => {
    const jobs = new ApplicationJobs();
    jobs.remember('app-1', 'job-1');
    expect([jobs.jobOf('app-1'), jobs.jobOf('app-2')]).toEqual(['job-1', undefined]);
  });

  it('forgets the least recently used first once full', () => {
    const jobs = new ApplicationJobs();
    for (let n = 0; n < 50_000; n++) jobs.remember(`app-${n}`, 'job');
    jobs.jobOf('app-0');
    jobs.remember('app-new', 'job');
    expect([jobs.jobOf('app-0'), jobs.jobOf('app-1'), jobs.jobOf('app-new')]).toEqual(['job', undefined, 'job']);
  });
});
