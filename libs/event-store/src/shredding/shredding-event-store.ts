import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StreamRead,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store';
import { KeyStore } from './key-store';

export interface ShreddingPolicy {
  /** Whose personal data a stream holds, or null when it holds none. */
  subjectOf(streamId: string): string | null;
  /** The fields of an event type that are personal text. */
  personalFields(type: string): readonly string[];
}

interface Sealed {
  $sealed: string;
}

const isSealed = (value: unknown): value is Sealed =>
  typeof value === 'object' && value !== null && typeof (value as Sealed).$sealed === 'string';

/**
 * Crypto-shredding in front of any EventStore: personal text is sealed (AES-256-GCM) with its
 * subject's key on the way in and opened on the way out. Destroying the key erases the text from
 * the log, which neither store could otherwise do without rewriting history. Text whose key is gone
 * reads as null; text appended after that is not stored at all.
 */
export class ShreddingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly keys: KeyStore,
    private readonly policy: ShreddingPolicy,
  ) {}

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const subject = this.policy.subjectOf(streamId);
    const needsKey =
      subject !== null && events.some((e) => this.policy.personalFields(e.type).some((f) => e.data[f] != null));
    if (!needsKey) return this.inner.append(streamId, events, options);
    const key = await this.keys.keyFor(subject);
    const sealed = events.map((event) => ({
      ...event,
      data: this.transform(event.type, event.data, (text) => (key ? seal(text, key) : null)),
    }));
    return this.inner.append(streamId, sealed, options);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.open(await this.inner.readStream(streamId, options));
  }

  async readStreams(reads: readonly StreamRead[]): Promise<RecordedEvent[][]> {
    const streams = await this.inner.readStreams(reads);
    const opened = await this.open(streams.flat());
    let next = 0;
    return streams.map((events) => opened.slice(next, (next += events.length)));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.open(await this.inner.readAll(options));
  }

  async *subscribe(options: SubscribeOptions): AsyncIterable<RecordedEvent[]> {
    for await (const batch of this.inner.subscribe(options)) yield await this.open(batch);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  reservationHolder(key: string): Promise<string | null> {
    return this.inner.reservationHolder(key);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** One key lookup for a whole batch, and none when nothing in it is sealed. */
  private async open(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const subjects = new Set<string>();
    for (const event of events) {
      const subject = this.policy.subjectOf(event.streamId);
      if (subject !== null && this.policy.personalFields(event.type).some((f) => isSealed(event.data[f])))
        subjects.add(subject);
    }
    if (subjects.size === 0) return events;
    const keys = await this.keys.keysOf([...subjects]);
    return events.map((event) => {
      const subject = this.policy.subjectOf(event.streamId);
      if (subject === null || this.policy.personalFields(event.type).length === 0) return event;
      const key = keys.get(subject);
      return {
        ...event,
        data: this.transformSealed(event.type, event.data, (sealed) => (key ? unseal(sealed, key) : null)),
      };
    });
  }

  private transform(
    type: string,
    data: Record<string, unknown>,
    change: (text: string) => unknown,
  ): Record<string, unknown> {
    const fields = this.policy.personalFields(type);
    if (fields.length === 0) return data;
    return Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, fields.includes(k) && typeof v === 'string' ? change(v) : v]),
    );
  }

  private transformSealed(
    type: string,
    data: Record<string, unknown>,
    open: (sealed: Sealed) => string | null,
  ): Record<string, unknown> {
    const fields = this.policy.personalFields(type);
    return Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, fields.includes(k) && isSealed(v) ? open(v) : v]),
    );
  }
}

export function seal(text: string, key: Buffer): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return { $sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
}

export function unseal({ $sealed }: Sealed, key: Buffer): string | null {
  try {
    const bytes = Buffer.from($sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    // Tampered or under another key: unreadable is what shredding promises, never a crash.
    return null;
  }
}
