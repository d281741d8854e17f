import ExcelJS from 'exceljs';
import { tableCsv, tableXlsx, exportZoneLabel, type SheetTable } from './spreadsheet.js';

const TABLE: SheetTable = {
  name: 'Applications',
  columns: ['name', 'submitted', 'average score', 'note'],
  rows: [
    ['Ağa İsmayılov', new Date('2026-07-01T10:30:00Z'), 7.5, '=HYPERLINK("http://evil")'],
    ['Мария Şükürova', null, null, 'çöğüşə'],
  ],
};

describe('spreadsheet exports', () => {
  it('names the zone with its offset', () => {
    expect(exportZoneLabel('Asia/Baku')).toBe('Asia/Baku (UTC+4)');
    expect(exportZoneLabel('Europe/Berlin', new Date('2026-07-01T00:00:00Z'))).toBe('Europe/Berlin (UTC+2)');
    expect(exportZoneLabel('UTC')).toBe('UTC (UTC)');
  });

  it('writes an .xlsx that a spreadsheet library reads back: letters intact, numbers as numbers, times in the zone', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tableXlsx(TABLE, 'Asia/Baku')) as never);
    const sheet = workbook.getWorksheet('Applications')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'name',
      'submitted, Asia/Baku (UTC+4)',
      'average score',
      'note',
    ]);
    expect(sheet.getCell('A2').value).toBe('Ağa İsmayılov');
    expect(sheet.getCell('A3').value).toBe('Мария Şükürova');
    expect(sheet.getCell('D3').value).toBe('çöğüşə');
    expect(sheet.getCell('C2').value).toBe(7.5);
    expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
    // 10:30 UTC is 14:30 in Baku: the cell holds the wall-clock time the header names.
    expect((sheet.getCell('B2').value as Date).toISOString()).toBe('2026-07-01T14:30:00.000Z');
    expect(sheet.getCell('B2').numFmt).toBe('yyyy-mm-dd hh:mm');
    // A formula-looking answer stays text: a spreadsheet shows it, never runs it.
    expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('D2').value).toBe('=HYPERLINK("http://evil")');
  });

  it('keeps the CSV as before: ISO UTC times and the formula guard', () => {
    const csv = tableCsv(TABLE);
    expect(csv).toContain('2026-07-01T10:30:00.000Z');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});
