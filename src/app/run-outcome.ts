import type { FlatlandState } from '../store';
import type { TrainEvent, TrainSummary } from '../worker/api';

/**
 * A run's weights are worth a landscape when it finished, or when its loss diverged: it then
 * keeps its last finite weights.
 */
export function hasLandscape(summary: TrainSummary | null): boolean {
  return summary?.status === 'finished' || !!summary?.diverged;
}

/** The worker moved to another backend mid-run (lost GPU device): show the new one and why. */
export function noteBackendMoves(
  state: Pick<FlatlandState, 'setBackendInfo' | 'setDeviceNotice'>,
  events: readonly TrainEvent[],
): void {
  for (const event of events) {
    if (event.kind !== 'backend') continue;
    state.setBackendInfo(event.info);
    state.setDeviceNotice(event.message);
  }
}
