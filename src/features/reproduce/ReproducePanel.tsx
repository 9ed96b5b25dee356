import { useStore } from 'zustand';
import { errorMessage } from '../../domain/format';
import { startPreset, type PresetOutcome } from '../../app/presets-runner';
import { useServices } from '../../app/services';
import { Explainer } from '../../components/Explainer';
import { Panel } from '../../components/Panel';
import { Table } from '../../components/Table';
import { ProgressBar } from '../../components/ProgressBar';
import { flatlandStore, runHoldsControls, useFlatland } from '../../store';
import { measureColumns, measureRows, measureTitle } from './measures-table';
import { claimRow, verdictNote } from './claims-table';
import {
  describeSetup,
  findPreset,
  PRESETS,
  QUICK,
  type Preset,
} from '../../domain/reproduce/presets';
import { reproduceStore } from './state';
import shared from '../../components/shared.module.css';
import styles from './reproduce.module.css';
import { ErrorAlert } from '../../components/ErrorAlert';

/** The quick variants are offered only when the URL asks for them (browser tests). */
function offered(): readonly Preset[] {
  const quick = new URLSearchParams(window.location.search).get('reproduce') === 'quick';
  return quick ? [...QUICK, ...PRESETS] : PRESETS;
}

function useRun() {
  const { engine, controller } = useServices();
  return async (preset: Preset) => {
    reproduceStore.setState({ running: preset.id, progress: null, outcome: null, error: null });
    try {
      const outcome = await startPreset(preset, {
        engine,
        store: flatlandStore,
        init: () => controller.init(),
        onProgress: (progress) => reproduceStore.setState({ progress }),
      });
      if (!outcome) reproduceStore.setState({ error: 'Wait for the current run or job to end.' });
      else reproduceStore.setState({ outcome });
    } catch (error) {
      reproduceStore.setState({ error: `Reproduce failed: ${errorMessage(error)}` });
    } finally {
      reproduceStore.setState({ running: null });
    }
  };
}

function PresetCard({ preset, onRun }: { preset: Preset; onRun: (p: Preset) => void }) {
  const running = useStore(reproduceStore, (s) => s.running);
  const busy = useFlatland((s) => runHoldsControls(s) || s.analysis.job !== null);
  return (
    <article className={styles.card} aria-label={preset.label}>
      <button
        type="button"
        className={shared.primary}
        disabled={running !== null || busy}
        onClick={() => onRun(preset)}
      >
        Reproduce: {preset.label}
      </button>
      <p className={styles.observation}>{preset.observation}</p>
      <p className={shared.hint}>{preset.paper}</p>
      <p className={shared.hint}>{preset.regime}</p>
      <dl className={styles.setup}>
        {describeSetup(preset).map(({ term, value }) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}

function MeasuresTable({ preset, outcome }: { preset: Preset; outcome: PresetOutcome }) {
  const columns = measureColumns(preset);
  return (
    <Table
      caption="Per arm, mean ± standard deviation over seeds"
      corner="Arm"
      columns={columns.map((m) => ({ key: m, title: measureTitle(preset, m) }))}
    >
      {measureRows(preset, outcome.seeds).map((r) => (
        <tr key={r.arm}>
          <th scope="row">{r.label}</th>
          {r.cells.map((cell, i) => (
            <td key={columns[i]}>{cell}</td>
          ))}
        </tr>
      ))}
    </Table>
  );
}

const CLAIM_COLUMNS = ['Measured', 'Effect', '95% CI', 'Sign test p', 'n', 'Verdict'] as const;

function ClaimsTable({ preset, outcome }: { preset: Preset; outcome: PresetOutcome }) {
  const stopped = outcome.status === 'stopped' ? ' (stopped early)' : '';
  return (
    <Table
      caption={`Reproduce: ${preset.label}, what this run measured${stopped}`}
      corner="Observation"
      columns={CLAIM_COLUMNS.map((c) => ({ key: c, title: c }))}
    >
      {outcome.claims.map(claimRow).map((r) => (
        <tr key={r.observation}>
          <th scope="row" className={styles.wrap}>
            {r.observation}
          </th>
          <td className={styles.wrap}>{r.measured}</td>
          <td className={styles.wrap}>{r.effect}</td>
          <td>{r.interval}</td>
          <td>{r.p}</td>
          <td>{r.n}</td>
          <td data-verdict={r.verdict}>{r.verdict}</td>
        </tr>
      ))}
    </Table>
  );
}

/** Hands runs to the Side by side panel (wired by the shell), and why it cannot start now. */
export interface SideBySideHandOver {
  blocker: string | null;
  start: (runs: { id: string }[]) => void;
}

/** A landscape-comparing preset (it maps convexity): each seed's runs side by side on demand. */
function SeedLandscapes(props: { preset: Preset; outcome: PresetOutcome; to: SideBySideHandOver }) {
  const { preset, outcome, to } = props;
  if (!preset.probe.curvature) return null;
  return (
    <div className={shared.row}>
      {outcome.seeds.map((s) => (
        <button
          key={s.seed}
          type="button"
          className={shared.secondary}
          disabled={to.blocker !== null}
          onClick={() =>
            to.start(preset.arms.flatMap((a) => s.runs[a.id] ?? []).map((m) => ({ id: m.runId })))
          }
        >
          Seed {s.seed}: landscapes side by side
        </button>
      ))}
    </div>
  );
}

function Results({
  outcome,
  sideBySide,
}: {
  outcome: PresetOutcome;
  sideBySide?: SideBySideHandOver;
}) {
  const preset = findPreset(outcome.preset, outcome.size)!;
  return (
    <div className={shared.tableWrap}>
      <ClaimsTable preset={preset} outcome={outcome} />
      <p className={shared.hint}>{verdictNote(outcome.seeds.length)}</p>
      <MeasuresTable preset={preset} outcome={outcome} />
      {sideBySide && <SeedLandscapes preset={preset} outcome={outcome} to={sideBySide} />}
    </div>
  );
}

/** One-click reproductions of the papers' observations, at browser scale. */
export function ReproducePanel({ sideBySide }: { sideBySide?: SideBySideHandOver }) {
  const run = useRun();
  const { controller } = useServices();
  const { running, progress, outcome, error } = useStore(reproduceStore);
  return (
    <Panel title="Reproduce" className={shared.wide}>
      <Explainer topic="reproduce" />
      <div className={styles.cards}>
        {offered().map((p) => (
          <PresetCard key={p.id} preset={p} onRun={(preset) => void run(preset)} />
        ))}
      </div>
      {running && (
        <div className={shared.row}>
          <ProgressBar
            label="Reproduce progress"
            value={progress?.done ?? 0}
            max={progress?.total ?? 1}
            text={progress?.text ?? 'Starting…'}
          />
          <button type="button" className={shared.secondary} onClick={() => void controller.stop()}>
            Stop
          </button>
        </div>
      )}
      <ErrorAlert error={error} />
      {outcome && <Results outcome={outcome} sideBySide={sideBySide} />}
    </Panel>
  );
}
