import type { Config, Layout } from 'plotly.js';

/** One colour per data split across every plot, so "train" and "test" read the same everywhere. */
export const COLORS = {
  train: '#2563eb',
  trainLight: 'rgba(37, 99, 235, 0.35)',
  test: '#ea580c',
  marker: '#111827',
  grid: '#e5e7eb',
  axis: '#6b7280',
  text: '#1f2937',
} as const;

const FONT = {
  family:
    'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
  size: 12,
  color: COLORS.text,
};

/** Defaults shared by all plots: transparent background, light grid, legend on top. */
export function baseLayout(overrides: Partial<Layout> = {}): Partial<Layout> {
  return {
    autosize: true,
    font: FONT,
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    margin: { l: 56, r: 56, t: 8, b: 44 },
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: 11 } },
    hovermode: 'x unified',
    ...overrides,
  };
}

/** Axis styling shared by the 2D plots. */
export function axis(title: string, extra: Record<string, unknown> = {}) {
  return {
    title: { text: title, font: { size: 12, color: COLORS.axis } },
    gridcolor: COLORS.grid,
    zerolinecolor: COLORS.grid,
    linecolor: COLORS.grid,
    tickfont: { size: 11, color: COLORS.axis },
    automargin: true,
    ...extra,
  };
}

export const PLOT_CONFIG: Partial<Config> = {
  displaylogo: false,
  responsive: true,
  modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines'],
  toImageButtonOptions: { format: 'png', scale: 2 },
};

/** The plots fill their panel's width; Plotly's own resize handler follows the window. */
export const PLOT_STYLE = { width: '100%', height: '100%' } as const;
