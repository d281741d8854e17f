import ExcelJS from 'exceljs';
import { csvTable } from './csv.js';

export type SheetCell = string | number | boolean | Date | null | undefined;

/** A table to export: a title per column, and rows of typed cells (numbers stay numbers, times stay times). */
export interface SheetTable {
  name: string;
  columns: string[];
  rows: SheetCell[][];
}

/** The table as CSV: ISO UTC times, "." decimals (what scripts and other systems expect). */
export function tableCsv(table: SheetTable): string {
  return csvTable([table.columns, ...table.rows]);
}

/** "Asia/Baku (UTC+4)": the zone a spreadsheet's times are written in, named in their column titles. */
export function exportZoneLabel(timeZone: string, at = new Date()): string {
  const offset = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')!.value;
  const utc = offset.replace('GMT', 'UTC');
  return `${timeZone} (${utc === 'UTC+0' ? 'UTC' : utc})`;
}

/** The wall-clock time in a zone, as the naive date-time a spreadsheet cell holds. */
function wallClock(date: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return new Date(Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second));
}

/**
 * The table as an Excel workbook (.xlsx). Excel then shows numbers with the reader's decimal comma
 * and opens it in columns whatever the regional settings, which a CSV cannot promise. Times are
 * written in `timeZone`, named in their column titles. Text cells are always text, never formulas.
 */
export async function tableXlsx(table: SheetTable, timeZone: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Karvan';
  const sheet = workbook.addWorksheet(table.name.slice(0, 31));
  const timed = table.columns.map((_, i) => table.rows.some((row) => row[i] instanceof Date));
  const zone = exportZoneLabel(timeZone);
  sheet.addRow(table.columns.map((title, i) => (timed[i] ? `${title}, ${zone}` : title))).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(row.map((cell) => (cell instanceof Date ? wallClock(cell, timeZone) : (cell ?? null))));
  }
  table.columns.forEach((title, i) => {
    const column = sheet.getColumn(i + 1);
    if (timed[i]) column.numFmt = 'yyyy-mm-dd hh:mm';
    column.width = Math.min(40, Math.max(10, title.length + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
