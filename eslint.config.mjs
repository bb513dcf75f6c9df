import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

const hostOnly = [...new Set(['vscode', 'punycode', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)])];

export default tseslint.config(
	{ ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', '**/*.mjs', '**/*.js', '**/*.cjs'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts'],
		languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
		rules: {
			curly: 'error',
			eqeqeq: 'error',
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['src/**/*.ts'],
		rules: { 'no-console': 'error' },
	},
	{ files: ['src/cli.ts'], rules: { 'no-console': 'off' } },
	{
		files: ['src/core/**/*.ts'],
		plugins: { regexp },
		rules: {
			...regexp.configs['flat/recommended'].rules,
			// The core reads untrusted documents: no regex may take quadratic time on a long run (fuzzing found some).
			'regexp/no-super-linear-move': 'error',
			'regexp/no-super-linear-backtracking': 'error',
			'no-restricted-imports': [
				'error',
				{
					paths: hostOnly.map((name) => ({ name, message: 'src/core must stay host-neutral (no vscode, no Node built-ins)' })),
					patterns: [{ group: ['**/adapters/**', '../adapters/*'], message: 'core must not depend on adapters' }],
				},
			],
		},
	},
);
