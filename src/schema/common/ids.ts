const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Ids are UUID columns: PostgreSQL rejects any other string with an error. A well-formed global id
 * with a malformed inner id must read as "not found", so it becomes the nil UUID, which matches nothing.
 */
export function uuidOrNil(id: string): string {
  return UUID.test(id) ? id : NIL_UUID;
}
