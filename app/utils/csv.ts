// The one home for CSV exports (audit log, calendar, insights): RFC 4180 cells that a spreadsheet cannot run.

/**
 * One CSV cell: a value a spreadsheet would read as a formula (= + - @, tab, CR) gets a leading
 * apostrophe, and anything with a quote, comma or line break is quoted (RFC 4180).
 */
export function csvCell(value: unknown): string {
  // A number is never a formula: "-3" stays a number a spreadsheet can sum (insights' changes).
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated. */
export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
