import { useEffect, useRef } from 'react';
import type { CanvasLayer } from './canvas-layer';
import styles from './live-canvas.module.css';

/**
 * The canvas of a {@link CanvasLayer}, laid over its figure (the parent must be positioned);
 * hidden until the layer shows it. Its accessible name is the layer's last summary.
 */
export function LiveCanvas({ layer }: { layer: CanvasLayer }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    layer.attach(canvas.current);
    return () => layer.attach(null);
  }, [layer]);
  return <canvas ref={canvas} className={styles.live} role="img" hidden />;
}
