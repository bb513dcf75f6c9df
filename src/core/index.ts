// The core's public API: what the CLI and the VS Code adapters may import.
export * from './types';
export { refang, defang, isDefanged } from './refang';
export { parseReport } from './report';
export { createParser, type IncrementalParser } from './incremental';
export { parseExclusions } from './scenarios';
export * from './kql/types';
export { buildHunts, renderHuntsMarkdown, DEFAULT_HUNT_OPTIONS } from './kql/generate';
export { parseSettings, defaultSettings, toHuntOptions, SETTINGS_SCHEMA, SETTING_KEYS, SETTING_ENUMS, OUTPUT_PLACEMENTS } from './settings';
export type { Settings, SettingKey, SettingsProblem, OutputPlacement } from './settings';
export { describeIndicator, typeLabel, clipped, indicatorValues, inlineCode, codeBlock, escapeSnippet, formatHuntBlock, PLAIN_BEGIN, PLAIN_END } from './describe';
export type { DescribeOptions, HuntBlockOptions } from './describe';
export { scanText, type IocMatch } from './scan';
export { uniqueIndicators } from './report';
export { isSharedService } from './services';
export { findTables } from './tables';
export { normalizeType } from './columns';
export { snippetToText, toSnippet } from './kql/snippet';
export { kqlString, kqlDynamicList } from './kql/escape';
