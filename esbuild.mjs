// Bundles the extension for the Node and web extension hosts, and the CLI.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints build errors in the form VS Code's esbuild problem matcher understands. */
const problemMatcher = {
	name: 'problem-matcher',
	setup(build) {
		build.onStart(() => {
			if (watch) {
				console.log('[watch] build started');
			}
		});
		build.onEnd((result) => {
			for (const { text, location } of result.errors) {
				console.error(`✘ [ERROR] ${text}`);
				if (location) {
					console.error(`    ${location.file}:${location.line}:${location.column}:`);
				}
			}
			if (watch) {
				console.log('[watch] build finished');
			}
		});
	},
};

const common = {
	bundle: true,
	minify: production,
	sourcemap: !production,
	sourcesContent: false,
	logLevel: 'warning',
	plugins: [problemMatcher],
};

const builds = [
	{ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/node/extension.js', platform: 'node', format: 'cjs', external: ['vscode'], target: 'node20' },
	{ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', external: ['vscode'], target: 'es2022', mainFields: ['browser', 'module', 'main'] },
	// The core as a library for scripts/ (evaluation, benchmarks); not shipped in the .vsix.
	{ ...common, entryPoints: ['src/core/index.ts'], outfile: 'dist/lib/core.js', platform: 'node', format: 'cjs', target: 'node20' },
	{ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
	const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
	await Promise.all(contexts.map((c) => c.watch()));
} else {
	await Promise.all(builds.map((b) => esbuild.build(b)));
}
