import type { Catalogue } from '../translate.js';

/** Messages of the shared reading aids: zones and dates, page titles, time-zone settings. */
export const ru: Catalogue = {
  'ux.zoneLabel': 'время {city} ({offset})',
  'ux.zone.Asia/Baku': 'Баку',
  'ux.zone.Europe/Berlin': 'Берлина',
  'ux.zone.Europe/Moscow': 'Москвы',
  'ux.zone.Europe/Istanbul': 'Стамбула',
  'ux.zone.Asia/Tbilisi': 'Тбилиси',
  'ux.zone.Europe/London': 'Лондона',
  'ux.noDate': 'не указано',
  'ux.timesShownIn': 'Время указано как {zone}.',
  'ux.timeZone': 'Часовой пояс',
  'ux.timeZoneHint':
    'Время курсов и сайта показывается в этом поясе; занятия летней школы — по времени места, где они проходят.',
  'ux.timeZoneSite': 'Пояс сайта ({zone})',
  'ux.timeZoneInvalid': 'Выберите часовой пояс из списка.',
  'ux.errorSummary': 'Есть ошибки',
  'ux.revokedAt': 'Отозван',
  'ux.keyCreated': 'создан {date}',
  'ux.callout.note': 'Примечание',
  'ux.callout.tip': 'Совет',
  'ux.callout.warning': 'Внимание',
  'ux.callout.example': 'Пример',
  'ux.callout.definition': 'Определение',
  'ux.callout.case-study': 'Практический случай',
  'ux.titleError': 'Ошибка',
};
