/** Mode connectivity (Garipov et al. 2018): curves with one trained bend between two solutions. */
export {
  curveCoefficients,
  curvePoint,
  midpointBend,
  type CurveEnds,
  type CurveKind,
} from './curve';
export { curveGradient, curveStep, type CurveProblem, type CurveState } from './train-curve';
export { curvePlane, disposePlane, pathCoordinates, planeAxes, type CurvePlane } from './plane';
export { evaluateCurve, evaluateSegment } from './paths';
