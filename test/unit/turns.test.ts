import * as assert from 'node:assert/strict';
import { messageTurn, nextTurn } from '../../src/adapters/turns';

suite('nextTurn: a long job pausing between pieces', () => {
	for (const [name, turn] of [
		['nextTurn (setImmediate in Node)', nextTurn],
		['messageTurn (a worker host)', messageTurn],
	] as const) {
		test(`${name} lets a timer that is due run between the pieces`, async () => {
			// Promise.resolve() would keep the job on the same turn forever: the timer would never run.
			let fired = false;
			setTimeout(() => (fired = true), 0);
			const start = Date.now();
			let turns = 0;
			while (!fired && Date.now() - start < 1000) {
				await turn();
				turns++;
			}
			assert.ok(fired, 'the timer never ran');
			assert.ok(turns >= 1);
		});
		test(`${name} resumes every waiter, in order`, async () => {
			const order: number[] = [];
			await Promise.all([0, 1, 2, 3].map((i) => turn().then(() => order.push(i))));
			assert.deepEqual(order, [0, 1, 2, 3]);
		});
	}
});
