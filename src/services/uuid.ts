// A regex, not the `uuid` package's validate: that one accepts only RFC versions and variants, while a
// PostgreSQL uuid column takes any 32 hex digits; this is the form the columns give back.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is a UUID in its hyphenated text form, so a uuid column can be queried with it. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
