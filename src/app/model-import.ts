/**
 * What the model-import panel does: sends the chosen TF.js model files to the worker with the
 * run's settings, then lists the new run, which the persistence controller saves like any other.
 */
import type { DatasetId, RunInfo, TrainConfig } from '../domain/api';
import { errorMessage, formatPercent } from '../domain/format';
import type { PersistenceController } from './persistence/controller';

/** The outcome as the panel shows it. */
export interface ModelImportMessage {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * The imported run's settings: the current ones (they pick the training subset, its seed and the
 * metric samples) on the dataset the model was trained on. The worker puts the model in.
 */
export function modelImportConfig(train: TrainConfig, dataset: DatasetId): TrainConfig {
  return { ...train, flat: { ...train.flat }, dataset };
}

/** "Imported "Imported model": test accuracy 91.2% on its metric samples. …" */
function okText(run: RunInfo, notes: readonly string[]): string {
  const acc = run.summary.final ? formatPercent(run.summary.final.testAcc) : '—';
  const said = notes.length ? ` Notes: ${notes.join('; ')}.` : '';
  return `Imported "${run.name}": test accuracy ${acc} on its metric samples. Explore it in the runs list.${said}`;
}

/** Imports model.json and its weight files as a run; never throws (the message says what failed). */
export async function importModelFiles(
  ctrl: PersistenceController,
  files: File[],
  dataset: DatasetId,
): Promise<ModelImportMessage> {
  const { engine, store } = ctrl.deps;
  const config = modelImportConfig(store.getState().train, dataset);
  try {
    const { run, notes } = await engine.importModel({ files, config });
    // setRuns makes the persistence controller save the new run.
    store.getState().setRuns(await engine.listRuns());
    return { kind: 'ok', text: okText(run, notes) };
  } catch (error) {
    return { kind: 'error', text: `Could not import the model: ${errorMessage(error)}` };
  }
}
