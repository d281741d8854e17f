/** CSV for spreadsheets: CRLF rows, quoted where needed, and no cell a spreadsheet would run as a formula. */
export function csvTable(rows: unknown[][]): string {
  return rows.map((row) => row.map((cell) => csvCell(cellText(cell))).join(',')).join('\r\n') + '\r\n';
}

function csvCell(text: string): string {
  // A leading = + - @ would make a spreadsheet run the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean' || typeof cell === 'bigint') return cell.toString();
  return JSON.stringify(cell);
}
