import {
  INTERVIEW_KINDS,
  STAGES,
  interviewKindsOf,
  isInterviewStage,
  isStage,
  nextStage,
  stageIndex,
  stageOfInterviewKind,
} from './stages';

describe('the pipeline', () => {
  it('has seven stages, in order', () =>
    expect(STAGES).toEqual([
      'applied',
      'recruiter_screen',
      'manager_interviews',
      'technical',
      'cto',
      'references',
      'offer',
    ]));

  it('knows the stage after each one', () => {
    expect(nextStage('applied')).toBe('recruiter_screen');
    expect(nextStage('references')).toBe('offer');
  });

  it('has no stage after offer', () => expect(nextStage('offer')).toBeNull());

  it('numbers stages from zero', () => expect(stageIndex('technical')).toBe(3));

  it('interviews in stages 2 to 5 only', () =>
    expect(STAGES.filter(isInterviewStage)).toEqual(['recruiter_screen', 'manager_interviews', 'technical', 'cto']));

  it('runs a system design and a live coding interview in technical', () =>
    expect(interviewKindsOf('technical')).toEqual(['system_design', 'live_coding']));

  it('runs one kind of interview in each other interview stage', () => {
    expect(interviewKindsOf('recruiter_screen')).toEqual(['recruiter_call']);
    expect(interviewKindsOf('manager_interviews')).toEqual(['engineering_managers']);
    expect(interviewKindsOf('cto')).toEqual(['cto_meeting']);
  });

  it('places every kind of interview in an interview stage', () =>
    expect(INTERVIEW_KINDS.every((kind) => isInterviewStage(stageOfInterviewKind(kind)))).toBe(true));

  it('does not take a made-up stage for a real one', () => expect(isStage('onsite')).toBe(false));
});
