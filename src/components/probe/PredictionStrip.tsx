import { memo, useEffect, useRef } from 'react';
import type { ProbeImages } from '../../domain/api';
import { stripItems } from './strip-items';
import styles from './probe.module.css';

/** One 28×28 test image, drawn once: dragging changes the labels under it, never the pixels. */
const StripImage = memo(function StripImage({
  images,
  index,
}: {
  images: ProbeImages;
  index: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const data = ctx.createImageData(28, 28);
    for (let p = 0; p < 784; p++) {
      const v = images.pixels[index * 784 + p] ?? 0;
      data.data.set([v, v, v, 255], p * 4);
    }
    ctx.putImageData(data, 0, 0);
  }, [images, index]);
  return <canvas ref={ref} className={styles.stripImage} width={28} height={28} aria-hidden />;
});

interface Props {
  images: ProbeImages | null;
  predicted: number[] | undefined;
  /** Accessible name of the list, e.g. "Predictions at perturbed weights (2D)". */
  label: string;
}

/** Fixed test images with the class predicted at the perturbed weights; wrong ones stand out. */
export function PredictionStrip({ images, predicted, label }: Props) {
  if (!images || images.count === 0) return null;
  const items = stripItems(images, predicted);
  const wrong = items.filter((i) => i.status === 'wrong').length;
  return (
    <figure className={styles.strip}>
      <ul className={styles.stripList} aria-label={label}>
        {items.map((item, i) => (
          <li
            key={i}
            className={styles.stripItem}
            data-status={item.status}
            aria-label={item.description}
            title={item.description}
          >
            <StripImage images={images} index={i} />
            <span className={styles.stripLabel} aria-hidden>
              {item.predicted ?? '…'}
            </span>
          </li>
        ))}
      </ul>
      <figcaption className={styles.stripCaption}>
        {predicted ? `${wrong} of ${items.length} test images misclassified here` : 'Predicting…'}
      </figcaption>
    </figure>
  );
}
