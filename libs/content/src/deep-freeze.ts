/**
 * Freezes a value and all it holds. What is kept and shared between requests is frozen, so that
 * nothing can change it in place, and a frozen value can be named once by its identity (the api's
 * kept pages do).
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
