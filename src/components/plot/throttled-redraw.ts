/**
 * A figure redrawn whole (Plotly.react) from data held elsewhere, at most once per `intervalMs`
 * and one redraw at a time: for live plots whose figure is small (a few dozen points per run)
 * but whose source sends messages every few hundred milliseconds.
 */
export function createThrottledRedraw(
  render: (graph: HTMLElement) => Promise<unknown>,
  intervalMs: number,
) {
  const graph: { current: HTMLElement | null } = { current: null };
  let queue: Promise<unknown> = Promise.resolve();
  let scheduled = false;
  let last = -Infinity;
  /** Redraws now (after any redraw in flight); resolves once it is drawn (or failed). */
  const now = (): Promise<unknown> => {
    scheduled = false;
    last = performance.now();
    queue = queue.then(() => (graph.current ? render(graph.current) : undefined));
    // A failed redraw is dropped, as Plotly's own errors are logged: the next one starts afresh.
    queue = queue.catch(() => undefined);
    return queue;
  };
  /** Redraws once the interval since the last redraw has passed (requests in between merge). */
  const request = () => {
    if (scheduled) return;
    scheduled = true;
    const wait = Math.max(0, last + intervalMs - performance.now());
    setTimeout(() => requestAnimationFrame(now), wait);
  };
  const attach = (gd: HTMLElement | null) => {
    graph.current = gd;
  };
  return { attach, request, now };
}
