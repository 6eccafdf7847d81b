import type { Application, ApplicationFile } from './application.state';
import { fileOf, outcomeOf } from './application.state';

/** Once the candidate's data is erased, free text that may describe them is dropped, now and later. */
export const keepText = (app: Application, text: string | null): string | null => (app.erased ? null : text);

export function erase(app: Application): Application {
  const file = fileOf(app);
  const erased: ApplicationFile = {
    ...file,
    erased: true,
    visits: file.visits.map((stay) => ({ ...stay, reason: null })),
    interviews: file.interviews.map((interview) =>
      interview.status === 'held'
        ? { ...interview, scorecards: interview.scorecards.map((card) => ({ ...card, notes: null })) }
        : interview,
    ),
    references: file.references.map((reference) => ({
      ...reference,
      refereeName: null,
      relationship: null,
      notes: null,
    })),
    candidateUpdates: file.candidateUpdates.map((update) => ({ ...update, summary: null })),
  };
  const outcome = outcomeOf(app);
  switch (outcome.status) {
    case 'rejected':
      return { ...erased, ...outcome, rejection: { ...outcome.rejection, note: null } };
    case 'withdrawn':
      return { ...erased, ...outcome, withdrawal: { ...outcome.withdrawal, reason: null } };
    default:
      return { ...erased, ...outcome };
  }
}
