/**
 * Brings saved and imported runs back: weights into the worker's runs (so landscapes,
 * interpolation and sharpness work on them), the list and curves into the store and bus, and
 * their computed results into the panels.
 */
import type { RunInfo, WeightsRef } from '../../domain/api';
import { errorMessage } from '../../domain/format';
import { centerPoint } from '../../domain/slice';
import { solutionRef } from '../../domain/solution';
import { toImport } from '../../persistence/run-import';
import type { FullRun, RunResults } from '../../persistence/types';
import type { PersistenceController } from './controller';

interface Restored {
  info: RunInfo;
  run: FullRun;
}

/**
 * Has the worker explore `ref` with the saved landscape's directions, so the perturbation sliders
 * move on the plots shown. Not awaited: Train need not wait for it, and the worker holds probes
 * until it is done. A failure is noticed while those weights are still the ones explored.
 */
function restoreSliders(
  ctrl: PersistenceController,
  ref: WeightsRef,
  landscape: NonNullable<RunResults['landscape']>,
): void {
  const { engine, store } = ctrl.deps;
  const parts = { slice: !!landscape.slice, grid: !!landscape.grid };
  engine.restoreLandscape(ref, landscape.config, parts).catch((error: unknown) => {
    const s = store.getState();
    if (s.explored === ref)
      s.setPersistenceNotice(
        `The saved landscape's sliders could not be restored: ${errorMessage(error)}`,
      );
  });
}

/** Shows restored runs' curves, results and the newest landscape; the newest one's summary. */
function showResults(ctrl: PersistenceController, restored: Restored[]): void {
  const { store, bus } = ctrl.deps;
  const s = store.getState();
  for (const { info, run } of restored) {
    bus.series(s.run.id, { key: info.id, name: info.name, color: info.color, final: true });
    bus.emit(s.run.id, info.id, run.events);
    run.results.sharpness?.forEach((e) => s.addSharpnessEntry({ ...e, run: info }));
  }
  const withOutcome = restored.filter((r) => r.run.results.interpolation).at(-1);
  if (withOutcome) s.setInterpolationOutcome(withOutcome.run.results.interpolation!);
  const shown = restored.filter((r) => r.run.results.landscape).at(-1);
  const landscape = shown?.run.results.landscape;
  if (shown && landscape) {
    const ref = solutionRef(shown.info);
    // Asked before the plots appear: their sliders probe as soon as they do.
    restoreSliders(ctrl, ref, landscape);
    s.beginExplore(ref);
    if (landscape.slice) {
      s.setSlice(landscape.slice);
      const center = centerPoint(landscape.slice);
      if (center) s.setProbeValue(center);
    }
    if (landscape.grid) s.setGrid(landscape.grid);
    else s.setLandscapeStatus('done');
  }
}

/** Adds runs to the worker; returns those that came back and a line per one that did not. */
async function bringBack(
  ctrl: PersistenceController,
  runs: FullRun[],
  mode: 'restore' | 'file',
): Promise<{ restored: Restored[]; failed: string[] }> {
  const { engine, db } = ctrl.deps;
  const restored: Restored[] = [];
  const failed: string[] = [];
  for (const run of runs) {
    try {
      const info = await engine.importRun(
        toImport(run, mode === 'restore' ? run.info.id : undefined),
      );
      restored.push({ info, run });
      if (mode === 'restore' && info.id === run.info.id) ctrl.markSaved(info);
      else if (mode === 'restore') void ctrl.enqueue(() => db.remove(run.info.id), 'moving a run');
    } catch (error) {
      failed.push(`"${run.info.name}": ${errorMessage(error)}`);
    }
  }
  return { restored, failed };
}

/** Lists the runs and queues the results of those that are new to IndexedDB. */
async function listAndSave(ctrl: PersistenceController, restored: Restored[]): Promise<void> {
  const { engine, store, db } = ctrl.deps;
  // setRuns makes the controller save every run it has not saved yet (imports, moved ids).
  store.getState().setRuns(await engine.listRuns());
  for (const { info, run } of restored) {
    const results: RunResults = run.results;
    void ctrl.enqueue(
      () => db.updateMeta(info.id, (r) => ({ ...r, results: { ...results, ...r.results } })),
      'saving results',
    );
  }
}

/** Restores every saved run after a reload. Training waits until this has finished. */
export async function restoreSaved(ctrl: PersistenceController): Promise<void> {
  const { store, db } = ctrl.deps;
  const s = store.getState();
  s.setRestoring(true);
  const idle = s.run.status === 'idle';
  if (idle) s.setRunStatus('loading', 'Restoring saved runs…');
  try {
    const saved = await db.list();
    const full = (await Promise.all(saved.map((r) => db.load(r.info.id)))).filter(
      (r): r is FullRun => r !== null,
    );
    const { restored, failed } = await bringBack(ctrl, full, 'restore');
    await listAndSave(ctrl, restored);
    // A run started meanwhile owns the curves and panels: the restored ones are listed only.
    if (idle) showResults(ctrl, restored);
    if (failed.length)
      s.setPersistenceNotice(`Some saved runs could not be restored: ${failed.join('; ')}`);
    const newest = restored.at(-1);
    if (idle && newest) store.getState().finishRun(newest.info.summary);
  } catch (error) {
    s.setPersistenceNotice(`Saved runs could not be restored: ${errorMessage(error)}`);
  } finally {
    if (idle && store.getState().run.status === 'loading') s.setRunStatus('idle', 'Ready to train');
    s.setRestoring(false);
    await ctrl.refreshUsage().catch(() => undefined);
  }
}

/** Adds the runs of an imported file; they are saved like any other run. */
export async function importRuns(ctrl: PersistenceController, runs: FullRun[]): Promise<RunInfo[]> {
  const { restored, failed } = await bringBack(ctrl, runs, 'file');
  if (failed.length && !restored.length) throw new Error(failed.join('; '));
  await listAndSave(ctrl, restored);
  const s = ctrl.deps.store.getState();
  for (const { info, run } of restored) {
    ctrl.deps.bus.series(s.run.id, {
      key: info.id,
      name: info.name,
      color: info.color,
      final: true,
    });
    ctrl.deps.bus.emit(s.run.id, info.id, run.events);
  }
  return restored.map((r) => r.info);
}
