/**
 * Wiring of the Reproduce panel: a preset that compares landscapes (skip connections) hands a
 * seed's runs to the Side by side panel, which draws their 2D landscapes on one colour scale.
 */
import { ReproducePanel } from '../features/reproduce/ReproducePanel';
import { useSideBySide } from './useSideBySide';

export function ReproduceView() {
  const sideBySide = useSideBySide();
  return <ReproducePanel sideBySide={sideBySide} />;
}
