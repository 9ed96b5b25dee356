import type { CompareProgress, FlatlandState } from '../store';
import type { TrainEvent, TrainSummary } from '../domain/api';

/**
 * A run's weights are worth a landscape when it finished, or when its loss diverged: it then
 * keeps its last finite weights.
 */
export function hasLandscape(summary: TrainSummary | null): boolean {
  return summary?.status === 'finished' || !!summary?.diverged;
}

/**
 * The worker moved to another backend: mid-run after a lost GPU device (shown with a notice), or
 * at a run's start when a calibration chose the backend (the Backend badge says why).
 */
export function noteBackendMoves(
  state: Pick<FlatlandState, 'setBackendInfo' | 'setDeviceNotice'>,
  events: readonly TrainEvent[],
): void {
  for (const event of events) {
    if (event.kind === 'calibration') state.setBackendInfo(event.info);
    if (event.kind !== 'backend') continue;
    state.setBackendInfo(event.info);
    state.setDeviceNotice(event.message);
  }
}

/** The newest event of a kind in a batch (a batch may hold several steps), or null. */
export function lastOfKind<K extends TrainEvent['kind']>(events: readonly TrainEvent[], kind: K) {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.kind === kind) return event as Extract<TrainEvent, { kind: K }>;
  }
  return null;
}

/** "Training SAM (3 of 4)…" during a comparison, else "Training…". */
export function trainingMessage(compare: CompareProgress | null): string {
  return compare ? `Training ${compare.name} (${compare.index} of ${compare.total})…` : 'Training…';
}
