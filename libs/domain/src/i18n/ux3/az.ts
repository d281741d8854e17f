import type { Catalogue } from '../translate.js';

/** Messages of the third usability round: e-mail change, cohort time zones, module status, checker messages. */
export const az: Catalogue = {
  'emailChange.title': 'E-poçt ünvanı',
  'emailChange.intro':
    'Hesabınızın ünvanını dəyişmək üçün yeni ünvanı və şifrənizi daxil edin. Yeni ünvana keçid göndəririk; dəyişiklik onu açdığınız zaman baş verir. Hazırkı ünvanınıza da bu barədə xəbər verilir.',
  'emailChange.newEmail': 'Yeni e-poçt ünvanı',
  'emailChange.submit': 'Təsdiq keçidini göndər',
  'emailChange.pending':
    '{email} ünvanına dəyişiklik təsdiq gözləyir: həmin ünvana göndərdiyimiz keçidi {expires} qədər açın. O vaxta qədər {current} ilə daxil olursunuz.',
  'emailChange.cancel': 'Dəyişikliyi ləğv et',
  'emailChange.requested': 'Yeni ünvana təsdiq keçidi göndərdik. Dəyişiklik onu açdığınız zaman baş verəcək.',
  'emailChange.cancelled': 'E-poçt ünvanınızın dəyişdirilməsi ləğv edildi; keçid artıq işləmir.',
  'emailChange.confirmTitle': 'Yeni e-poçt ünvanınızı təsdiq edin',
  'emailChange.confirmIntro': 'Bundan sonra {name} {email} ünvanı ilə daxil olacaq və məktubları ora alacaq.',
  'emailChange.confirmSubmit': 'Yeni ünvanı təsdiq et',
  'emailChange.doneTitle': 'E-poçt ünvanınız dəyişdirildi',
  'emailChange.done': 'Hesabınız artıq yeni ünvandan istifadə edir: bundan sonra onunla daxil olun.',
  'emailChange.toProfile': 'Profilinizə qayıdın',
  'emailChange.toLogin': 'Daxil olun',
  'error.email_unchanged': 'Bu, artıq hesabınızın ünvanıdır.',
  'error.email_change_link_invalid':
    'Bu təsdiq keçidi artıq etibarlı deyil: ondan istifadə edilib və ya ləğv edilib, daha yenisi göndərilib və ya vaxtı bitib. Dəyişikliyi profilinizdə yenidən istəyin.',
  'mail.emailChangeConfirm.subject': 'Yeni Karvan e-poçt ünvanınızı təsdiq edin',
  'mail.emailChangeConfirm.body':
    'Salam, {name}!\n\nKarvan hesabınız üçün bu ünvandan istifadə etmək istədiniz. Təsdiq etmək üçün bu keçidi açın (bir dəfə, {hours} saat ərzində işləyir):\n{link}\n\nKeçidi açmayınca heç nə dəyişmir.\n\nBunu siz istəməmisinizsə, bu məktuba əhəmiyyət verməyin.',
  'mail.emailChangeNotice.subject': 'Karvan hesabınızın e-poçt ünvanı dəyişdirilir',
  'mail.emailChangeNotice.body':
    'Salam, {name}!\n\nKarvan hesabınıza daxil olmuş kimsə onun e-poçt ünvanını {newEmail} ilə əvəz etməyi istədi. Dəyişiklik yalnız həmin ünvana göndərilən keçid açıldıqda baş verir.\n\nBu sizsinizsə, burada başqa heç nə etməyə ehtiyac yoxdur.\n\nBu siz deyilsinizsə, dəyişikliyi profilinizdə ləğv edin və şifrənizi dərhal dəyişin:\n{link}',
  'mail.emailChangeTaken.subject': 'Kimsə Karvanda e-poçt ünvanınızdan istifadə etməyə çalışdı',
  'mail.emailChangeTaken.body':
    'Salam!\n\nKimsə başqa bir Karvan hesabını artıq bir hesaba məxsus olan bu e-poçt ünvanına keçirməyə çalışdı. Heç nə dəyişmədi və heç kim sizin hesabınıza daxil olmadı.\n\nBu sizsinizsə, bu ünvandan istifadə edən hesaba daxil olun:\n{link}\n\nBu siz deyilsinizsə, bu məktuba əhəmiyyət verməyin.',
  'cohortZone.hint':
    'Məktəbin keçirildiyi yer. Müraciət müddəti və məşğələlər hamı üçün bu qurşaqda yazılır və göstərilir, qurşağın adı ilə.',
  'cohortZone.typedIn': 'Tarix və vaxtlar {zone} qurşağı üzrədir.',
  'moduleStatus.not_started': 'Başlanmayıb',
  'moduleStatus.read': 'Oxunub',
  'moduleStatus.quiz_open': 'Oxunub · test hələ keçilməyib',
  'moduleStatus.quiz_passed': 'Test keçilib',
  'moduleStatus.continueHere': 'Buradan davam edin',
  'nav.menu': 'Menyu',
  'quiz.timeLeft': 'Qalan vaxt: {time}',
  'quiz.minutesLeft': { one: '{count} dəqiqə qaldı.', other: '{count} dəqiqə qaldı.' },
  'quiz.timeUp': 'Vaxt bitdi: cavablarınız göndərilir.',
};
