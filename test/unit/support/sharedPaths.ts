// Where the shared read-only material lives: `../shared` beside the repository root.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest folder above the compiled test holding package.json and src/core, else the working directory. */
export function repoRoot(): string {
	for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src', 'core', 'index.ts'))) {
			return dir;
		}
	}
	return process.cwd();
}

export function sharedPath(...parts: string[]): string {
	return path.resolve(repoRoot(), '..', 'shared', ...parts);
}
