// Offset → 1-based line/column lookup (lines split on `\n`), built once per text.

/** Start offsets of every line of `text`. */
export function lineStarts(text: string): number[] {
	const starts = [0];
	for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
		starts.push(i + 1);
	}
	return starts;
}

/** 1-based line and column of `offset`, given the text's `lineStarts`. */
export function position(starts: readonly number[], offset: number): { line: number; column: number } {
	let lo = 0;
	let hi = starts.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (starts[mid] <= offset) {
			lo = mid;
		} else {
			hi = mid - 1;
		}
	}
	return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** Cursors released by earlier parses, for `LineCursor.take` to hand out again. */
const FREE: LineCursor[] = [];
const NO_LINES: readonly number[] = [0];

/** Line lookups for offsets that mostly increase (a scan's matches): amortised O(1), exact for any order. */
export class LineCursor {
	private index = 0;
	constructor(private starts: readonly number[]) {}

	/**
	 * A cursor over `starts`: one an earlier parse released, else a new one. V8's optimised code for the scanner
	 * holds the cursor it ran with, weakly: when a parse's own cursor dies, the next full GC throws that code away
	 * and the next parse starts cold again. Parses that take and `release` their cursors keep reusing the same few.
	 */
	static take(starts: readonly number[]): LineCursor {
		const cursor = FREE.pop();
		if (cursor === undefined) {
			return new LineCursor(starts);
		}
		cursor.starts = starts;
		return cursor;
	}

	/** Gives the cursor back for `take` (it keeps no reference to the line starts). Not to be used after. */
	release(): void {
		this.starts = NO_LINES;
		this.index = 0;
		if (FREE.length < 4 && !FREE.includes(this)) {
			FREE.push(this);
		}
	}

	/** 1-based line and column of `offset`. */
	at(offset: number): { line: number; column: number } {
		const line = this.lineOf(offset);
		return { line, column: offset - this.starts[line - 1] + 1 };
	}

	/** 1-based line of `offset` (no object: the scanner asks once per occurrence). */
	lineOf(offset: number): number {
		const starts = this.starts;
		if (offset < starts[this.index] || this.index + 64 < starts.length && starts[this.index + 64] <= offset) {
			this.index = position(starts, offset).line - 1;
		}
		while (this.index + 1 < starts.length && starts[this.index + 1] <= offset) {
			this.index++;
		}
		return this.index + 1;
	}

	/** 1-based column of `offset` on its 1-based `line`. */
	columnOf(offset: number, line: number): number {
		return offset - this.starts[line - 1] + 1;
	}
}
