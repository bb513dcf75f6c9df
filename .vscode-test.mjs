// @vscode/test-cli configuration for contributors whose machines can download VS Code:
//   npx tsc -p tsconfig.test.json && node esbuild.mjs && npx vscode-test
// (Here, where VS Code cannot be downloaded, `npm run test:integration` runs the same suites in code-server.)
import { defineConfig } from '@vscode/test-cli';

export default defineConfig([
	{
		label: 'integration',
		files: 'out/test/integration/*.test.js',
		workspaceFolder: 'test/workspace',
		version: 'stable',
		mocha: { ui: 'tdd', timeout: 30000 },
	},
]);
