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

/** Line lookups for offsets that mostly increase (a scan's matches): amortised O(1), exact for any order. */
export class LineCursor {
	private index = 0;
	constructor(private readonly starts: readonly number[]) {}

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
