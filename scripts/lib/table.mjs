// The benchmarks' and scripts' plain-text table: the first column left-aligned, the others right-aligned, two
// spaces apart, a rule of dashes under the header (unless `rule` is false).
export function printTable(head, rows, { rule = true } = {}) {
	const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
	const line = (r) => console.log(r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '));
	line(head);
	if (rule) {
		line(widths.map((w) => '-'.repeat(w)));
	}
	rows.forEach(line);
}
