/**
 * The one versioned settings schema (valibot): every setting, its default and range. Links
 * (src/app/url-config.ts), the controls' inline validation and imported files all use it.
 */
export {
  alphaRangeProblem,
  CROSS_RULES,
  DEFAULT_SETTINGS,
  pcaProblem,
  SCHEMA_VERSION,
  SettingsSchema,
  type CrossRule,
  type Settings,
} from './settings';
export { batchProblem, customModelRule, subsetSize } from './data-rules';
export { samMProblem, secondOrderProblem, sharpnessMProblem } from './sam-rules';
export { LAYER_RANGES, LayerSchema, LayersSchema } from './layers';
export { ImportedDataSchema, importedProblem } from './imported-data';
export { parseSettings, type ParseSettingsResult, type SettingsIssue } from './parse';
export { migrate, V1_PARAMS, v1Entries, v2Entries, type TextEntry } from './migrate';
export { GROUPS, LEAVES, getPath, setPath, type Leaf } from './leaves';
export { fromText, parseNumber, problemWith, type ParseResult } from './fields';
export {
  NUMBER_CONTROL_PATHS,
  numberControl,
  numberInput,
  type Help,
  type HelpDefaults,
  type NumberControl,
  type NumberControlPath,
} from './controls';
export {
  decimalValue,
  describeRange,
  inRange,
  RANGES,
  TEST_SET_SIZE,
  TRAIN_SET_SIZE,
  type NumberSpec,
  type RangedField,
} from './ranges';
