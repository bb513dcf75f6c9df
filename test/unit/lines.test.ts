import * as assert from 'node:assert/strict';
import { LineCursor, lineStarts, position } from '../../src/core/lines';

/** 1-based line of `offset` by a plain count of the `\n` before it. */
const lineByCount = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

suite('LineCursor', () => {
	test('a cursor taken again after release answers for its new text, in any order of offsets', () => {
		const first = 'a\nbb\n\nccc\n';
		const second = 'x\ny\nz\n'.repeat(50);
		const a = LineCursor.take(lineStarts(first));
		assert.equal(a.lineOf(first.length - 1), 4);
		a.release();
		const b = LineCursor.take(lineStarts(second));
		assert.equal(b, a, 'the released cursor is handed out again');
		const offsets = [second.length - 1, 0, 7, 299, 3, 150, 151, 2];
		for (const offset of offsets) {
			const line = b.lineOf(offset);
			assert.equal(line, lineByCount(second, offset), `offset ${offset}`);
			assert.deepEqual({ line, column: b.columnOf(offset, line) }, position(lineStarts(second), offset));
		}
		b.release();
	});

	test('two cursors taken at once are distinct and each keeps its own text', () => {
		const one = 'l1\nl2\nl3';
		const two = '\n\n\n\nend';
		const a = LineCursor.take(lineStarts(one));
		const b = LineCursor.take(lineStarts(two));
		assert.notEqual(a, b);
		assert.equal(a.lineOf(7), 3);
		assert.equal(b.lineOf(5), 5);
		assert.equal(a.lineOf(3), 2);
		a.release();
		b.release();
	});

	test('a released cursor keeps no reference to the line starts it was given', () => {
		const starts = lineStarts('a\nb\nc');
		const cursor = LineCursor.take(starts);
		cursor.release();
		assert.ok(!Object.values(cursor).includes(starts));
	});
});
