import type { Catalogue } from '../translate.js';

/** Messages of accounts: password reset, admin account management, the users page. */
export const en: Catalogue = {
  'login.forgot': 'Forgot your password?',
  'login.resetDone': 'Your password was changed and you were signed out everywhere. Sign in with the new password.',
  'forgot.title': 'Reset your password',
  'forgot.intro': 'Enter the e-mail address of your account and we will send you a link to choose a new password.',
  'forgot.submit': 'Send the link',
  'forgot.sent':
    'If an account uses this address, a link is on its way to it. The link works for {hours} hours and only once. Look in the spam folder too if it does not arrive.',
  'reset.title': 'Choose a new password',
  'reset.intro':
    'A new password for {email}. Setting it signs this account out on every device and ends its access tokens.',
  'reset.submit': 'Set the new password',
  'error.reset_link_invalid':
    'This reset link is not valid any more: it was used, a newer one was sent, or it expired. Ask for a new one.',
  'error.account_inactive': 'Reactivate the account before sending it a reset link.',
  'error.own_account': 'You cannot deactivate your own account.',
  'error.account_invited': 'This account is waiting for its owner to accept the invitation.',
  'mail.passwordReset.subject': 'Reset your Karvan password',
  'mail.passwordReset.body':
    'Hello {name},\n\nSomeone (we hope you) asked to reset the password of your Karvan account. To choose a new password, open this link (it works once, for {hours} hours):\n{link}\n\nSetting a new password signs you out everywhere.\n\nIf you did not ask for this, ignore this e-mail: your password stays as it is.',
  'mail.accountCreated.subject': 'Your Karvan account',
  'mail.accountCreated.body':
    'Hello {name},\n\nAn administrator created an account for you on Karvan, the migration-management training platform.\n\nTo start, open this link and choose a password (it works once, for {hours} hours):\n{link}\n\nIf you did not expect this e-mail, you can ignore it.',

  'users.filters': 'Filter the users',
  'users.filterRole': 'Role',
  'users.filterStatus': 'Status',
  'users.any': 'Any',
  'users.applyFilters': 'Show',
  'users.status': 'Status',
  'users.status.active': 'Active',
  'users.status.disabled': 'Deactivated',
  'users.status.invited': 'Invited',
  'users.joined': 'Joined',
  'users.manage': 'Manage',
  'users.manageOf': 'Manage {name}',
  'users.none': 'No account matches these filters.',
  'users.create': 'Create an account',
  'users.createTitle': 'Create an account',
  'users.createIntro': 'The person gets an e-mail with a link to choose their own password. Nobody else ever knows it.',
  'users.createSubmit': 'Create the account and send the link',
  'users.created': 'The account of {name} was created, and a link to choose a password was sent to {email}.',
  'account.back': 'All users',
  'account.details': 'Account',
  'account.rolesHeading': 'Site roles',
  'account.resetHeading': 'Password',
  'account.resetIntro': 'Send {email} a link to choose a new password. The current password keeps working until then.',
  'account.sendReset': 'Send a reset link',
  'account.resetSent': 'A reset link was sent to {email}.',
  'account.statusHeading': 'Access',
  'account.deactivateIntro':
    'A deactivated person is signed out at once, their access tokens stop working, and they cannot sign in. Their records are kept, and you can reactivate the account at any time.',
  'account.deactivate': 'Deactivate the account',
  'account.deactivateTitle': 'Deactivate the account of {name}?',
  'account.deactivateConfirm': 'Yes, deactivate the account',
  'account.cancel': 'No, go back',
  'account.deactivated': 'The account of {name} was deactivated: they are signed out and cannot sign in.',
  'account.reactivateIntro': 'This account is deactivated: its owner cannot sign in.',
  'account.reactivate': 'Reactivate the account',
  'account.reactivated':
    'The account of {name} is active again. They sign in with their old password, or ask for a reset link.',
};
