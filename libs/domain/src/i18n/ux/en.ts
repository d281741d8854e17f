import type { Catalogue } from '../translate.js';

/** Messages of the shared reading aids: zones and dates, page titles, time-zone settings. */
export const en: Catalogue = {
  'ux.zoneLabel': '{city} time ({offset})',
  'ux.zone.Asia/Baku': 'Baku',
  'ux.zone.Europe/Berlin': 'Berlin',
  'ux.zone.Europe/Moscow': 'Moscow',
  'ux.zone.Europe/Istanbul': 'Istanbul',
  'ux.zone.Asia/Tbilisi': 'Tbilisi',
  'ux.zone.Europe/London': 'London',
  'ux.noDate': 'not recorded',
  'ux.timesShownIn': 'Times are shown in {zone}.',
  'ux.timeZone': 'Time zone',
  'ux.timeZoneHint':
    'Times of courses and the site are shown in this zone; summer-school sessions keep the zone of the place they happen in.',
  'ux.timeZoneSite': 'The site’s zone ({zone})',
  'ux.timeZoneInvalid': 'Choose a time zone from the list.',
  'ux.errorSummary': 'There is a problem',
  'ux.revokedAt': 'Revoked',
  'ux.keyCreated': 'created {date}',
  'ux.callout.note': 'Note',
  'ux.callout.tip': 'Tip',
  'ux.callout.warning': 'Warning',
  'ux.callout.example': 'Example',
  'ux.callout.definition': 'Definition',
  'ux.callout.case-study': 'Case study',
  'ux.titleError': 'Error',
};
