import type { Catalogue } from '../translate.js';

/** Messages of the third usability round: e-mail change, cohort time zones, module status, checker messages. */
export const en: Catalogue = {
  'emailChange.title': 'E-mail address',
  'emailChange.intro':
    'To change the address of your account, enter the new one and your password. We send a link to the new address; the change happens when you open it. Your current address is told about it.',
  'emailChange.newEmail': 'New e-mail address',
  'emailChange.submit': 'Send the confirmation link',
  'emailChange.pending':
    'A change to {email} is waiting for confirmation: open the link we sent to that address before {expires}. Until then you keep signing in with {current}.',
  'emailChange.cancel': 'Cancel the change',
  'emailChange.requested': 'We sent a confirmation link to the new address. The change happens when you open it.',
  'emailChange.cancelled': 'The change of your e-mail address was cancelled; the link no longer works.',
  'emailChange.confirmTitle': 'Confirm your new e-mail address',
  'emailChange.confirmIntro': 'From now on, {name} will sign in and receive e-mails at {email}.',
  'emailChange.confirmSubmit': 'Confirm the new address',
  'emailChange.doneTitle': 'Your e-mail address was changed',
  'emailChange.done': 'Your account now uses the new address: sign in with it from now on.',
  'emailChange.toProfile': 'Back to your profile',
  'emailChange.toLogin': 'Sign in',
  'error.email_unchanged': 'This is already the address of your account.',
  'error.email_change_link_invalid':
    'This confirmation link is not valid any more: it was used or cancelled, a newer one was sent, or it expired. Ask for the change again on your profile.',
  'mail.emailChangeConfirm.subject': 'Confirm your new Karvan e-mail address',
  'mail.emailChangeConfirm.body':
    'Hello {name},\n\nYou asked to use this address for your Karvan account. To confirm it, open this link (it works once, for {hours} hours):\n{link}\n\nUntil you do, nothing changes.\n\nIf you did not ask for this, ignore this e-mail.',
  'mail.emailChangeNotice.subject': 'The e-mail address of your Karvan account is being changed',
  'mail.emailChangeNotice.body':
    'Hello {name},\n\nSomeone signed in to your Karvan account asked to change its e-mail address to {newEmail}. The change happens only when the link sent to that address is opened.\n\nIf this was you, there is nothing more to do here.\n\nIf this was not you, cancel the change on your profile and change your password at once:\n{link}',
  'mail.emailChangeTaken.subject': 'Someone tried to use your e-mail address on Karvan',
  'mail.emailChangeTaken.body':
    'Hello,\n\nSomeone tried to move another Karvan account to this e-mail address, which already belongs to an account. Nothing was changed, and nobody got into yours.\n\nIf it was you, sign in to the account that uses this address:\n{link}\n\nIf it was not you, you can ignore this e-mail.',
  'cohortZone.hint':
    'Where the school takes place. Its call and its sessions are typed and shown in this zone, for everyone, with the zone named.',
  'cohortZone.typedIn': 'Dates and times are in the zone {zone}.',
  'moduleStatus.not_started': 'Not started',
  'moduleStatus.read': 'Read',
  'moduleStatus.quiz_open': 'Read · quiz to pass',
  'moduleStatus.quiz_passed': 'Quiz passed',
  'moduleStatus.continueHere': 'Continue here',
  'nav.menu': 'Menu',
  'quiz.timeLeft': 'Time left: {time}',
  'quiz.minutesLeft': { one: '{count} minute left.', other: '{count} minutes left.' },
  'quiz.timeUp': 'Time is up: your answers are being sent.',
};
