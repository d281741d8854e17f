import { canAnywhere, LOCALES, translate, type Locale, type Principal } from '@karvan/domain';
import type { KarvanRequest } from './request-context.js';

interface NavLink {
  href: string;
  label: string;
  current: boolean;
}

export interface PageContext {
  locale: Locale;
  user?: Principal;
  csrfToken: string;
  path: string;
  nav: NavLink[];
  languages: Array<{ code: Locale; label: string; current: boolean }>;
  /** The reader's own zone, if they chose one; the views fall back to the site's. */
  timeZone?: string;
  /** Filled by the page's `{{pageTitle …}}` while it renders, read by the layout's `<title>`. */
  head: { title?: string };
}

/** The navigation's links, with whether each is shown: a link appears only for people who may open it. */
function links(principal: Principal | undefined): Array<{ href: string; key: string; show: boolean }> {
  return [
    { href: '/', key: 'nav.home', show: true },
    { href: '/courses', key: 'nav.courses', show: true },
    { href: '/learning', key: 'nav.learning', show: !!principal },
    { href: '/summer-schools', key: 'nav.summerSchools', show: true },
    { href: '/glossary', key: 'nav.glossary', show: true },
    { href: '/applications', key: 'nav.applications', show: !!principal },
    { href: '/certificates', key: 'nav.certificates', show: !!principal },
    {
      href: '/authoring',
      key: 'nav.authoring',
      show: canAnywhere(principal, 'course.create') || canAnywhere(principal, 'course.edit'),
    },
    { href: '/profile', key: 'nav.profile', show: !!principal },
    { href: '/admin/users', key: 'nav.users', show: canAnywhere(principal, 'user.manage') },
    { href: '/admin/access', key: 'nav.access', show: canAnywhere(principal, 'access.manage') },
    { href: '/admin/outbox', key: 'nav.outbox', show: canAnywhere(principal, 'mail.read') },
    { href: '/admin/queues', key: 'nav.queues', show: canAnywhere(principal, 'queue.manage') },
  ].filter((link) => link.show);
}

function navigation(principal: Principal | undefined, locale: Locale, path: string): NavLink[] {
  return links(principal).map((link) => ({
    href: link.href,
    label: translate(locale, link.key),
    current: link.href === '/' ? path === '/' : path.startsWith(link.href),
  }));
}

/**
 * All that the page context takes from a signed-in person but their name and CSRF token: which
 * links the navigation shows them, and their time zone. With the language and the address, two
 * people with the same viewer key get the same page context.
 */
export function viewerKey(principal: Principal): string {
  return `${links(principal)
    .map((link) => link.href)
    .join(' ')}\n${principal.timeZone ?? ''}`;
}

/** What every page template gets besides its own data: language, user, CSRF token, navigation. */
export function pageContext(request: KarvanRequest): PageContext {
  const { locale, principal, csrfToken } = request.karvan;
  const path = request.url.split('?')[0];
  return {
    locale,
    user: principal,
    csrfToken,
    path,
    nav: navigation(principal, locale, path),
    languages: LOCALES.map((code) => ({ code, label: translate(code, `lang.${code}`), current: code === locale })),
    timeZone: principal?.timeZone,
    head: {},
  };
}
