import type { Catalogue } from '../translate.js';

/** Messages of the shared reading aids: zones and dates, page titles, time-zone settings. */
export const az: Catalogue = {
  'ux.zoneLabel': '{city} vaxtı ({offset})',
  'ux.zone.Asia/Baku': 'Bakı',
  'ux.zone.Europe/Berlin': 'Berlin',
  'ux.zone.Europe/Moscow': 'Moskva',
  'ux.zone.Europe/Istanbul': 'İstanbul',
  'ux.zone.Asia/Tbilisi': 'Tbilisi',
  'ux.zone.Europe/London': 'London',
  'ux.noDate': 'qeyd olunmayıb',
  'ux.timesShownIn': 'Vaxtlar {zone} ilə göstərilir.',
  'ux.timeZone': 'Saat qurşağı',
  'ux.timeZoneHint':
    'Kursların və saytın vaxtları bu qurşaqda göstərilir; yay məktəbinin məşğələləri keçirildiyi yerin vaxtı ilə qalır.',
  'ux.timeZoneSite': 'Saytın qurşağı ({zone})',
  'ux.timeZoneInvalid': 'Siyahıdan saat qurşağı seçin.',
  'ux.errorSummary': 'Problem var',
  'ux.revokedAt': 'Ləğv edilib',
  'ux.keyCreated': '{date} tarixində yaradılıb',
  'ux.callout.note': 'Qeyd',
  'ux.callout.tip': 'Məsləhət',
  'ux.callout.warning': 'Xəbərdarlıq',
  'ux.callout.example': 'Nümunə',
  'ux.callout.definition': 'Tərif',
  'ux.callout.case-study': 'Praktiki hal',
  'ux.titleError': 'Xəta',
};
