import { DEFAULT_TIME_ZONE, tableCsv, tableXlsx, type SheetTable } from '@karvan/domain';
import type { KarvanReply } from './request-context.js';

export type TableFormat = 'csv' | 'xlsx';

/** Summer schools run on Baku time; the exports name the same zone in their column titles. */
const EXPORT_TIME_ZONE = DEFAULT_TIME_ZONE;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends an export as CSV (with a BOM, so Excel reads UTF-8) or as an Excel workbook. */
export async function sendTable(reply: KarvanReply, table: SheetTable, format: TableFormat, stem: string) {
  const body = format === 'xlsx' ? await tableXlsx(table, EXPORT_TIME_ZONE) : `\uFEFF${tableCsv(table)}`;
  await reply
    .header('content-type', format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${stem}.${format}"`)
    .header('cache-control', 'private, no-store')
    .send(body);
}

/** The format a route's path asks for: `….xlsx` or anything else as CSV. */
export function formatOf(url: string): TableFormat {
  return /\.xlsx(\?|$)/.test(url) ? 'xlsx' : 'csv';
}
