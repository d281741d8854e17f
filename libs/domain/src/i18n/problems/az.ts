import type { Catalogue } from '../translate.js';

/** Yay məktəbi formalarındakı dəyər problemləri: aid olduğu sahənin və ya sətrin yanında göstərilir. */
export const az: Catalogue = {
  'applyForm.yesno': '“Bəli” və ya “xeyr” cavabını seçin.',
  'applyForm.fileSize': 'Ən çoxu 5 MB olan fayl əlavə edin: bu fayl boşdur və ya daha böyükdür.',
  'applyForm.fileType': 'PDF, DOC, DOCX və ya ODT sənədi əlavə edin.',
  'summer.problem.title': '3–200 simvoldan ibarət ad yazın.',
  'summer.problem.startsOn': 'Birinci günü tarix kimi göstərin.',
  'summer.problem.endsOn': 'Son günü göstərin: birinci gün və ya ondan sonra.',
  'summer.problem.capacity': 'Yerlərin sayını 1-dən 10 000-ə qədər göstərin.',
  'summer.problem.timeZone': 'Siyahıdan saat qurşağı seçin.',
  'summer.problem.opensAt': 'Müraciətlərin açılacağı tarixi və saatı göstərin.',
  'summer.problem.closesAt': 'Müraciətlərin bağlanacağı tarixi və saatı göstərin: açılışdan sonra.',
  'summer.problem.form':
    'Bəzi sətirlər ipucunda göstərildiyi kimi yazılmayıb, ona görə heç nə yadda saxlanılmadı. Forma qurucusu bu sətirləri sizin üçün yazır və hər problemi öz sətrinin yanında göstərir.',
  'summer.problem.rubric':
    'Bəzi sətirlər ipucunda göstərildiyi kimi yazılmayıb, ona görə heç nə yadda saxlanılmadı. Meyar qurucusu bu sətirləri sizin üçün yazır və hər problemi öz sətrinin yanında göstərir.',
  'summer.problem.quotas': 'Hər kvotanı ayrı sətirdə “kateqoriya = say” kimi yazın; kateqoriyanı siyahıdan götürün.',
  'summer.problem.minAttendance': 'Minimum iştirakı 0-dan 100-ə qədər faizlə göstərin.',
  'summer.problem.sessionTitle': 'Sessiyaya 2–200 simvoldan ibarət ad verin.',
  'summer.problem.startsAt': 'Sessiyanın başladığı tarixi və saatı göstərin.',
  'summer.problem.endsAt': 'Sessiyanın bitdiyi tarixi və saatı göstərin: başlanğıcdan sonra.',
  'summer.problem.unknownEmail': 'Bu ünvanla hesabı olan şəxs yoxdur. Əvvəlcə onu dəvət edin və ya yazılışı yoxlayın.',
  'summer.problem.notCoordinator': 'Qrupu əlaqələndirmək üçün bu şəxsə əvvəlcə koordinator rolu verilməlidir.',
  'summer.problem.unknownCourse': 'Bunlardan biri buradakı kursun qısa adı deyil. Kurslar siyahısını yoxlayın.',
  'summer.problem.closedCourse':
    'Bu kurslardan biri bağlana bilməz: yalnız hamıya açıq dərc olunmuş kurslar və ya qeydiyyatını sizin idarə etdiyiniz kurslar bağlana bilər.',
  'summer.problem.score': '0-dan göstərilən maksimuma qədər tam ədəd yazın.',
  'summer.problem.noRubric':
    'Koordinator hələ qiymətləndirmə meyarlarını yazmayıb, ona görə heç nə qiymətləndirilə bilməz.',
  'summer.problem.lineFormat': 'Sahəni “növ: açar | ad” kimi yazın, məsələn “long: motivation | Niyə?”.',
  'summer.problem.fieldType': 'Bu sahə növü deyil: short, long, single, multiple, yesno və ya file yazın.',
  'summer.problem.key': 'Açarı kiçik latın hərfləri, rəqəmlər və _ ilə yazın; hərflə başlasın.',
  'summer.problem.label': 'Ad yazın.',
  'summer.problem.duplicate': 'Başqa sətirdə də eyni açar var: hər sətrə öz açarını verin.',
  'summer.problem.options': 'Ən azı iki variant yazın.',
  'summer.problem.max': '1-dən 100-ə qədər maksimum bal göstərin.',
  'summer.problem.labelBar': 'Adda “|” işarəsi ola bilməz.',
  'summer.problem.optionBar': 'Variantda “;” və ya “|” işarəsi ola bilməz.',
  'summer.problem.pickSome': 'Cədvəldə ən azı bir müraciəti işarələyin, sonra qərarı seçin.',
  'summer.problem.outsideSchool':
    'Sessiya məktəbin tarixləri daxilində keçirilir. Məktəb daha uzun davam edirsə, əvvəlcə onun ilk və ya son gününü dəyişin.',
};
