/**
 * Wiring of the comparison view: its 2D side-by-side button starts the Side by side panel's job
 * for the compared runs, and its sharpness-during-training curves are that feature's plot.
 * Features do not import each other, so they meet here.
 */
import { ComparisonPanel } from '../features/comparison/ComparisonPanel';
import { TrackingPlot } from '../features/sharpness-tracking/TrackingPlot';
import { useSideBySide } from './useSideBySide';

export function ComparisonView() {
  const sideBySide = useSideBySide();
  return <ComparisonPanel tracking={<TrackingPlot logY={false} />} sideBySide={sideBySide} />;
}
