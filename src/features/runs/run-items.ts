/** What the run list shows for each run, and when its buttons may act. Pure, so unit-tested. */
import { formatPercent } from '../../domain/format';
import { isRunActive, type RunStatus } from '../../store';
import type { RunInfo } from '../../domain/api';

export interface RunRow {
  id: string;
  name: string;
  color: string;
  /** "Test 91.2%", or "Test —" for a run stopped before its first epoch ended. */
  test: string;
  /** "SWA average 92.0%" for SWA/WASAM runs that averaged at least once. */
  averaged: string | null;
  stopped: boolean;
  /** An imported model: trained elsewhere, no checkpoints or curves here. */
  imported: boolean;
}

export function runRow(run: RunInfo): RunRow {
  const { final, averaged, status } = run.summary;
  return {
    id: run.id,
    name: run.name,
    color: run.color,
    test: `Test ${final ? formatPercent(final.testAcc) : '—'}`,
    averaged: averaged ? `SWA average ${formatPercent(averaged.testAcc)}` : null,
    stopped: status === 'stopped',
    imported: run.checkpoints === 0 && run.summary.steps === 0,
  };
}

/**
 * Why Explore and Delete cannot act now, or null. The worker would interleave a landscape with
 * training or with an analysis job, each then twice as slow, and a run being read must not go.
 */
export function runActionBlocker(status: RunStatus, analysisBusy: boolean): string | null {
  if (isRunActive(status)) return 'Available once training has finished';
  if (analysisBusy) return 'Available once the analysis has finished';
  return null;
}

/** "812 B", "1.5 KB", "12.3 MB", "2.0 GB" (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
