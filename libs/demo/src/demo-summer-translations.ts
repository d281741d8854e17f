import type { DataSource } from 'typeorm';
import { DEMO_PROGRAMME } from './demo-summer.js';

type Words = Record<'az' | 'ru', Record<string, string>>;

const PROGRAMME: Words = {
  az: {
    title: 'Miqrasiya Yay Məktəbi',
    description:
      'Başlanğıc səviyyəli miqrasiya əməkdaşları və gənc tədqiqatçılar üçün Bakıda bir həftə: miqrasiyanı idarə edən qurumların mühazirələri, tanışlıq səfərləri və kiçik tədqiqat tapşırığı.',
  },
  ru: {
    title: 'Летняя школа по миграции',
    description:
      'Неделя в Баку для начинающих сотрудников миграционных органов и молодых исследователей: лекции учреждений, управляющих миграцией, ознакомительные визиты и небольшое исследовательское задание.',
  },
};

const ELIGIBILITY = {
  az: 'Dövlət Miqrasiya Xidmətinin, Dövlət Sərhəd Xidmətinin və digər nazirliklərin başlanğıc səviyyəli əməkdaşları, həmçinin Azərbaycan universitetlərinin gənc tədqiqatçıları.',
  ru: 'Начинающие сотрудники Государственной миграционной службы, Государственной пограничной службы и других министерств, а также молодые исследователи университетов Азербайджана.',
};

/** Each session's title in Azerbaijani and Russian, by its English title (demo-summer.ts). */
const SESSION_TITLES: Record<string, [string, string]> = {
  'Opening: migration governance in Azerbaijan': [
    'Açılış: Azərbaycanda miqrasiya idarəçiliyi',
    'Открытие: управление миграцией в Азербайджане',
  ],
  'Labour migration and the single window': [
    'Əmək miqrasiyası və «bir pəncərə» prinsipi',
    'Трудовая миграция и принцип «единого окна»',
  ],
  'Integrated border management': ['İnteqrasiya olunmuş sərhəd idarəetməsi', 'Интегрированное управление границами'],
  'Human rights at every stage of migration procedures': [
    'Miqrasiya prosedurlarının hər mərhələsində insan hüquqları',
    'Права человека на каждом этапе миграционных процедур',
  ],
  'Migration data: sources and limits': [
    'Miqrasiya məlumatları: mənbələr və məhdudiyyətlər',
    'Миграционные данные: источники и ограничения',
  ],
  'Designing a small study': ['Kiçik tədqiqatın planlaşdırılması', 'Планирование небольшого исследования'],
  'Integration of migrants and refugees': [
    'Miqrantların və qaçqınların inteqrasiyası',
    'Интеграция мигрантов и беженцев',
  ],
  'Diaspora engagement': ['Diasporla iş', 'Работа с диаспорой'],
  'Research ethics with migrants': ['Miqrantlarla tədqiqatda etika', 'Этика исследований с участием мигрантов'],
  'Closing: presentations and certificates': [
    'Bağlanış: təqdimatlar və sertifikatlar',
    'Закрытие: презентации и сертификаты',
  ],
};

/** Each session's speaker in Azerbaijani and Russian, by its English name (the glossary's names). */
const SPEAKERS: Record<string, [string, string]> = {
  'State Migration Service': ['Dövlət Miqrasiya Xidməti', 'Государственная миграционная служба'],
  'Ministry of Labour and Social Protection of Population': [
    'Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi',
    'Министерство труда и социальной защиты населения',
  ],
  'State Border Service': ['Dövlət Sərhəd Xidməti', 'Государственная пограничная служба'],
  'Ombudsman’s Office': ['Ombudsman Aparatı', 'Аппарат омбудсмена'],
  'State Statistical Committee': ['Dövlət Statistika Komitəsi', 'Государственный комитет по статистике'],
  'Baku State University': ['Bakı Dövlət Universiteti', 'Бакинский государственный университет'],
  'UNHCR Azerbaijan': ['BMT-nin Qaçqınlar üzrə Ali Komissarlığı, Azərbaycan', 'УВКБ ООН в Азербайджане'],
  'State Committee on Work with Diaspora': [
    'Diasporla İş üzrə Dövlət Komitəsi',
    'Государственный комитет по работе с диаспорой',
  ],
  'ADA University': ['ADA Universiteti', 'Университет ADA'],
  'Programme coordinators': ['Proqramın koordinatorları', 'Координаторы программы'],
};

/**
 * The demo summer school's words in Azerbaijani and Russian, as a coordinator would give them, so
 * that the demo shows the pages in the reader's language. Only what has no translation yet is
 * filled in, so a demo seeded before gets them and a coordinator's own are kept.
 */
export async function translateDemoSummerSchool(db: DataSource): Promise<void> {
  await db.query(`UPDATE programmes SET translations = $2 WHERE title = $1 AND translations = '{}'`, [
    DEMO_PROGRAMME,
    JSON.stringify(PROGRAMME),
  ]);
  // The cohort is named after the programme and its year: "Migration Summer School 2026".
  await db.query(
    `UPDATE cohorts c SET translations = jsonb_build_object(
       'az', jsonb_build_object('title', $2 || substr(c.title, length(p.title) + 1), 'eligibility', $3::text),
       'ru', jsonb_build_object('title', $4 || substr(c.title, length(p.title) + 1), 'eligibility', $5::text))
     FROM programmes p WHERE p.id = c.programme_id AND p.title = $1 AND c.title LIKE p.title || ' %'
       AND c.translations = '{}'`,
    [DEMO_PROGRAMME, PROGRAMME.az.title, ELIGIBILITY.az, PROGRAMME.ru.title, ELIGIBILITY.ru],
  );
  const sessions = await db.query<Array<{ id: string; title: string; speaker: string }>>(
    `SELECT s.id, s.title, s.speaker FROM cohort_sessions s JOIN cohorts c ON c.id = s.cohort_id
     JOIN programmes p ON p.id = c.programme_id WHERE p.title = $1 AND s.translations = '{}'`,
    [DEMO_PROGRAMME],
  );
  for (const session of sessions) {
    const [titleAz, titleRu] = SESSION_TITLES[session.title] ?? [];
    const [speakerAz, speakerRu] = SPEAKERS[session.speaker] ?? [];
    const words = { az: { title: titleAz, speaker: speakerAz }, ru: { title: titleRu, speaker: speakerRu } };
    await db.query(`UPDATE cohort_sessions SET translations = $2 WHERE id = $1`, [session.id, JSON.stringify(words)]);
  }
}
