import { isUuid } from '../../services/uuid.ts';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Ids are UUID columns: PostgreSQL rejects any other string with an error. A well-formed global id
 * with a malformed inner id must read as "not found", so it becomes the nil UUID, which matches nothing.
 */
export function uuidOrNil(id: string): string {
  return isUuid(id) ? id : NIL_UUID;
}
