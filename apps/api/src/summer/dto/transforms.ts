/**
 * How an HTML form's strings become the JSON API's values, so one DTO validates both: a form sends
 * numbers and checkboxes as text, and one checked box of a list as a single value.
 */
type Raw = { value: unknown };

/** "12" → 12; an empty field is no value; anything else is left for the validator to refuse. */
export const toInteger = ({ value }: Raw): unknown =>
  value === '' ? undefined : typeof value === 'string' && /^\s*-?\d{1,9}\s*$/.test(value) ? Number(value) : value;

/** A checkbox: "true" or "on" when ticked. */
export const toBoolean = ({ value }: Raw): unknown =>
  value === 'true' || value === 'on' ? true : value === 'false' ? false : value;

/** Nothing, one value or several: always a list. */
export const toList = ({ value }: Raw): unknown => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** A list of words may also come as a list: one string, separated by spaces. */
export const toWords = ({ value }: Raw): unknown =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join(' ') : value;
