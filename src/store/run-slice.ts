import { estimateRemainingMs, stepsPerSecond } from './progress';
import { freshResults } from './results-slice';
import { freshRunsSession } from './runs-slice';
import type { RunSlice, RunState, SliceCreator } from './types';

const IDLE_RUN: RunState = {
  id: 0,
  status: 'idle',
  step: 0,
  epoch: 0,
  totalSteps: 0,
  epochs: 0,
  etaMs: null,
  stepsPerSecond: null,
  message: 'Ready to train',
};

export const createRunSlice: SliceCreator<RunSlice> = (set, get) => ({
  run: IDLE_RUN,
  beginRun: (epochs) => {
    const id = get().run.id + 1;
    set({
      run: { ...IDLE_RUN, id, epochs, status: 'loading', message: 'Loading dataset…' },
      ...freshResults(),
      ...freshRunsSession(),
    });
    return id;
  },
  setRunStatus: (status, message) => set((s) => ({ run: { ...s.run, status, message } })),
  recordProgress: ({ step, epoch, totalSteps, elapsedMs }) =>
    set((s) => ({
      run: {
        ...s.run,
        step,
        epoch,
        totalSteps,
        etaMs: estimateRemainingMs(step, totalSteps, elapsedMs),
        stepsPerSecond: stepsPerSecond(step, elapsedMs),
      },
    })),
  finishRun: (summary) =>
    set((s) => ({
      summary,
      run: {
        ...s.run,
        status: summary.status,
        step: summary.steps,
        epoch: summary.epochs,
        etaMs: summary.status === 'finished' ? 0 : null,
        stepsPerSecond: summary.stepsPerSecond,
        message:
          summary.status === 'finished'
            ? 'Training finished'
            : summary.diverged
              ? 'Training stopped: the loss diverged'
              : 'Training stopped',
      },
    })),
  failRun: (message) => set((s) => ({ run: { ...s.run, status: 'error', etaMs: null, message } })),
});
