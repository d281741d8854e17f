import type { Catalogue } from '../translate.js';

/** Messages of accounts: password reset, admin account management, the users page. */
export const az: Catalogue = {
  'login.forgot': 'Şifrənizi unutmusunuz?',
  'login.resetDone': 'Şifrəniz dəyişdirildi və bütün cihazlarda hesabdan çıxış edildi. Yeni şifrə ilə daxil olun.',
  'forgot.title': 'Şifrəni bərpa edin',
  'forgot.intro': 'Hesabınızın e-poçt ünvanını daxil edin, yeni şifrə seçmək üçün sizə keçid göndərək.',
  'forgot.submit': 'Keçidi göndər',
  'forgot.sent':
    'Bu ünvanla hesab varsa, ona keçid göndərildi. Keçid {hours} saat ərzində və yalnız bir dəfə işləyir. Məktub gəlməsə, spam qovluğuna da baxın.',
  'reset.title': 'Yeni şifrə seçin',
  'reset.intro':
    '{email} üçün yeni şifrə. Şifrə təyin edildikdə bu hesabdan bütün cihazlarda çıxış edilir və onun giriş tokenləri ləğv olunur.',
  'reset.submit': 'Yeni şifrəni təyin et',
  'error.reset_link_invalid':
    'Bu bərpa keçidi artıq etibarlı deyil: ondan istifadə edilib, daha yenisi göndərilib və ya vaxtı bitib. Yenisini istəyin.',
  'error.account_inactive': 'Bərpa keçidi göndərməzdən əvvəl hesabı yenidən aktivləşdirin.',
  'error.own_account': 'Öz hesabınızı deaktiv edə bilməzsiniz.',
  'error.account_invited': 'Bu hesab sahibinin dəvəti qəbul etməsini gözləyir.',
  'mail.passwordReset.subject': 'Karvan şifrənizin bərpası',
  'mail.passwordReset.body':
    'Salam, {name}!\n\nKimsə (ümid edirik ki, siz) Karvan hesabınızın şifrəsinin bərpasını istədi. Yeni şifrə seçmək üçün bu keçidi açın (bir dəfə, {hours} saat ərzində işləyir):\n{link}\n\nYeni şifrə təyin edildikdə bütün cihazlarda hesabdan çıxış edilir.\n\nBunu siz istəməmisinizsə, bu məktuba əhəmiyyət verməyin: şifrəniz dəyişmir.',
  'mail.accountCreated.subject': 'Karvan hesabınız',
  'mail.accountCreated.body':
    'Salam, {name}!\n\nAdministrator sizin üçün miqrasiya idarəçiliyi üzrə təlim platforması Karvanda hesab yaratdı.\n\nBaşlamaq üçün bu keçidi açın və şifrə seçin (bir dəfə, {hours} saat ərzində işləyir):\n{link}\n\nBu məktubu gözləmirdinizsə, ona əhəmiyyət verməyin.',

  'users.filters': 'İstifadəçiləri süzgəcdən keçirin',
  'users.filterRole': 'Rol',
  'users.filterStatus': 'Vəziyyət',
  'users.any': 'İstənilən',
  'users.applyFilters': 'Göstər',
  'users.status': 'Vəziyyət',
  'users.status.active': 'Aktiv',
  'users.status.disabled': 'Deaktiv edilib',
  'users.status.invited': 'Dəvət edilib',
  'users.joined': 'Qeydiyyat tarixi',
  'users.manage': 'İdarə et',
  'users.manageOf': '{name}: idarə et',
  'users.none': 'Bu süzgəclərə uyğun hesab yoxdur.',
  'users.create': 'Hesab yarat',
  'users.createTitle': 'Hesab yaradın',
  'users.createIntro': 'Şəxs öz şifrəsini seçmək üçün keçid olan məktub alır. Şifrəni başqa heç kim bilmir.',
  'users.createSubmit': 'Hesabı yarat və keçidi göndər',
  'users.created': '{name} üçün hesab yaradıldı və şifrə seçmək üçün keçid {email} ünvanına göndərildi.',
  'account.back': 'Bütün istifadəçilər',
  'account.details': 'Hesab',
  'account.rolesHeading': 'Sayt rolları',
  'account.resetHeading': 'Şifrə',
  'account.resetIntro': '{email} ünvanına yeni şifrə seçmək üçün keçid göndərin. O vaxta qədər indiki şifrə işləyir.',
  'account.sendReset': 'Bərpa keçidi göndər',
  'account.resetSent': 'Bərpa keçidi {email} ünvanına göndərildi.',
  'account.statusHeading': 'Giriş',
  'account.deactivateIntro':
    'Deaktiv edilmiş şəxs dərhal hesabdan çıxarılır, giriş tokenləri işləmir və daxil ola bilmir. Qeydləri saxlanılır, hesabı istənilən vaxt yenidən aktivləşdirə bilərsiniz.',
  'account.deactivate': 'Hesabı deaktiv et',
  'account.deactivateTitle': '{name} hesabı deaktiv edilsin?',
  'account.deactivateConfirm': 'Bəli, hesabı deaktiv et',
  'account.cancel': 'Xeyr, geri qayıt',
  'account.deactivated': '{name} hesabı deaktiv edildi: hesabdan çıxarıldı və daxil ola bilmir.',
  'account.reactivateIntro': 'Bu hesab deaktiv edilib: sahibi daxil ola bilmir.',
  'account.reactivate': 'Hesabı yenidən aktivləşdir',
  'account.reactivated': '{name} hesabı yenidən aktivdir. Köhnə şifrə ilə daxil olur və ya bərpa keçidi istəyə bilər.',
};
