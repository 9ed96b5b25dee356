import type { TrainSummary } from '../domain/api';
import { estimateRemainingMs, stepsPerSecond } from './progress';
import { freshResults } from './results-slice';
import { freshRunsSession } from './runs-slice';
import type { SliceCreator } from './types';

/** Where the training run is: idle, loading its data, training, paused, or how it ended. */
export type RunStatus =
  'idle' | 'loading' | 'training' | 'paused' | 'finished' | 'stopped' | 'error';

/** Whether a run is under way (loading its data, training or paused): it holds the worker. */
export function isRunActive(status: RunStatus): boolean {
  return status === 'loading' || status === 'training' || status === 'paused';
}

/** The training run on screen: its status, progress and status message. */
export interface RunState {
  /** Increments with every Train click; results tagged with an older id are discarded. */
  id: number;
  status: RunStatus;
  step: number;
  epoch: number;
  totalSteps: number;
  epochs: number;
  etaMs: number | null;
  stepsPerSecond: number | null;
  message: string;
}

/** What the worker reports after each step, from which ETA and throughput are derived. */
export interface StepProgress {
  step: number;
  epoch: number;
  totalSteps: number;
  elapsedMs: number;
}

/** `run` and its transitions. */
export interface RunSlice {
  run: RunState;
  /** Resets run state and results for a new run (one Train or one Compare) and returns its id. */
  beginRun: (epochs: number) => number;
  /** Sets the status and the message shown with it. */
  setRunStatus: (status: RunStatus, message: string) => void;
  /** Records a step report: where the run is, its ETA and its throughput. */
  recordProgress: (progress: StepProgress) => void;
  /** Ends the run with the worker's summary: finished, or stopped (and whether it diverged). */
  finishRun: (summary: TrainSummary) => void;
  /** Ends the run on an error, with its message. */
  failRun: (message: string) => void;
}

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

/** Creates the run slice: idle, ready to train. */
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
