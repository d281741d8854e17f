import type { Catalogue } from '../translate.js';

/**
 * What is wrong with a value on a summer-school form, shown beside the field or row it concerns
 * (the domain names the field; these say what to do about it).
 */
export const en: Catalogue = {
  'applyForm.yesno': 'Answer yes or no.',
  'applyForm.fileSize': 'Attach a file of at most 5 MB: this one is empty or larger.',
  'applyForm.fileType': 'Attach a PDF, DOC, DOCX or ODT document.',
  'summer.problem.title': 'Give a title of 3 to 200 characters.',
  'summer.problem.startsOn': 'Give the first day as a date.',
  'summer.problem.endsOn': 'Give the last day, on or after the first.',
  'summer.problem.capacity': 'Give the number of places, from 1 to 10,000.',
  'summer.problem.timeZone': 'Choose a time zone from the list.',
  'summer.problem.opensAt': 'Give the date and time applications open.',
  'summer.problem.closesAt': 'Give the date and time applications close, after they open.',
  'summer.problem.form':
    'Some lines are not written as the hint shows, so nothing was saved. The form builder writes these lines for you and shows each problem beside its row.',
  'summer.problem.rubric':
    'Some lines are not written as the hint shows, so nothing was saved. The rubric builder writes these lines for you and shows each problem beside its row.',
  'summer.problem.quotas': 'Write one quota per line as "category = number", with a category from the list.',
  'summer.problem.minAttendance': 'Give the minimum attendance as a percentage from 0 to 100.',
  'summer.problem.sessionTitle': 'Give the session a title of 2 to 200 characters.',
  'summer.problem.startsAt': 'Give the date and time the session starts.',
  'summer.problem.endsAt': 'Give the date and time the session ends, after it starts.',
  'summer.problem.unknownEmail': 'Nobody has an account with this address. Invite them first, or check the spelling.',
  'summer.problem.notCoordinator': 'This person needs the coordinator role before they can coordinate a cohort.',
  'summer.problem.unknownCourse': 'One of these is not the short name of a course here. Check the list of courses.',
  'summer.problem.closedCourse':
    'One of these courses cannot be linked: only published courses open to everyone, or courses whose enrolments you manage, can be.',
  'summer.problem.score': 'Give a whole number from 0 to the maximum shown.',
  'summer.problem.noRubric': 'The coordinator has not written the rubric yet, so nothing can be scored.',
  'summer.problem.lineFormat': 'Write a field as "type: key | label", for example "long: motivation | Why?".',
  'summer.problem.fieldType': 'This is not a field type: use short, long, single, multiple, yesno or file.',
  'summer.problem.key': 'Write the key in small Latin letters, digits and _, starting with a letter.',
  'summer.problem.label': 'Give a label.',
  'summer.problem.duplicate': 'Another row has the same key: give each row its own.',
  'summer.problem.options': 'Give at least two options.',
  'summer.problem.max': 'Give a maximum score from 1 to 100.',
  'summer.problem.labelBar': 'A label cannot contain "|".',
  'summer.problem.optionBar': 'An option cannot contain ";" or "|".',
  'summer.problem.pickSome': 'Tick at least one application in the table, then choose the decision.',
  'summer.problem.outsideSchool':
    'A session takes place within the school’s dates. If the school runs longer, change its first or last day first.',
};
