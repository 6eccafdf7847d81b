import { Injectable } from '@nestjs/common';

/** Applications remembered per process: a few megabytes at most. */
const REMEMBERED = 50_000;

/**
 * The job of each application this process has lately submitted or read, which never changes: a
 * read of the application then reads the job's stream in the same round trip as its own, instead of
 * a second one after it. The least recently used is forgotten first.
 */
@Injectable()
export class ApplicationJobs {
  private readonly jobs = new Map<string, string>();

  jobOf(applicationId: string): string | undefined {
    const jobId = this.jobs.get(applicationId);
    if (jobId !== undefined) {
      this.jobs.delete(applicationId);
      this.jobs.set(applicationId, jobId);
    }
    return jobId;
  }

  remember(applicationId: string, jobId: string): void {
    if (this.jobs.has(applicationId)) return;
    if (this.jobs.size >= REMEMBERED) this.jobs.delete(this.jobs.keys().next().value!);
    this.jobs.set(applicationId, jobId);
  }
}
