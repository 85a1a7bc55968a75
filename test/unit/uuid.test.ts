import { describe, expect, it } from 'vitest';
import { isUuid } from '../../src/services/uuid.ts';

describe('isUuid', () => {
  it('accepts the hyphenated form in either case and of any version, and nothing else', () => {
    const uuids = ['0b5f5c4e-8d2a-4c1b-9e3f-2a7d6c5b4a39', '0B5F5C4E-8D2A-4C1B-9E3F-2A7D6C5B4A39', '00000000-0000-0000-0000-000000000000'];
    const others = ['', '0b5f5c4e8d2a4c1b9e3f2a7d6c5b4a39', '{0b5f5c4e-8d2a-4c1b-9e3f-2a7d6c5b4a39}', '0b5f5c4e-8d2a-4c1b-9e3f-2a7d6c5b4a3g', ' 0b5f5c4e-8d2a-4c1b-9e3f-2a7d6c5b4a39'];
    expect(uuids.filter(isUuid)).toEqual(uuids);
    expect(others.filter(isUuid)).toEqual([]);
  });
});
