/**
 * A feature's user-facing strings in English and Dutch. The Dutch table must have exactly the
 * English keys, so a missing translation fails the type check rather than showing a key.
 * Placeholders are written `{name}` and filled by `translate`.
 */
export function defineMessages<const T extends Record<string, string>>(
  en: T,
  nl: { readonly [K in keyof T]: string },
): { en: T; nl: { readonly [K in keyof T]: string } } {
  return { en, nl };
}
