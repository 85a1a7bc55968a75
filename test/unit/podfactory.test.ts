import { describe, expect, it } from 'vitest';
import {
  matchRosterEntry,
  nameMatchVariant,
  normalizeName,
  podfactoryEmailVariants,
  podfactoryNameVariants,
  stripPodfactorySuffix,
} from '../../src/services/podfactory.ts';

const employee = (id: string, name: string, department: string, email = `${id}@warehouse-example.com`) => ({ id, name, department, email });

describe('PodFactory name variants', () => {
  it('normalises case, accents and spacing', () => {
    expect(normalizeName('  JOSÉ   Martínez ')).toBe('jose martinez');
    expect(normalizeName('Zoë Ångström-Øre')).toBe('zoe angstrom-øre');
    // NFD input (decomposed accents) normalises like NFC input.
    expect(normalizeName('Jose\u0301')).toBe(normalizeName('José'));
  });

  it("builds the plan's five variants from the first and last tokens", () => {
    expect(podfactoryNameVariants('Ana María López')).toEqual({
      full: 'ana maria lopez',
      firstDotLast: 'ana.lopez',
      firstUnderscoreLast: 'ana_lopez',
      first: 'ana',
      last: 'lopez',
    });
    expect(podfactoryNameVariants('   ')).toBeNull();
  });

  it.each([
    ['John Doe', 'FULL_NAME'],
    ['  JOHN   DOE ', 'FULL_NAME'],
    ['john.doe', 'FIRST_DOT_LAST'],
    ['John_Doe', 'FIRST_UNDERSCORE_LAST'],
    ['john', 'FIRST_NAME'],
    ['DOE', 'LAST_NAME'],
    ['Jon Doe', null],
    ['john doe smith', null],
    ['doe.john', null],
  ])('%s against "John Doe" -> %s', (roster, expected) => {
    expect(nameMatchVariant(roster, 'John Doe')).toBe(expected);
  });

  it('matches accents and case either way, and a middle name through first.last or the whole name', () => {
    expect(nameMatchVariant('jose.martinez', 'José Martínez')).toBe('FIRST_DOT_LAST');
    expect(nameMatchVariant('JOSÉ MARTÍNEZ', 'jose martinez')).toBe('FULL_NAME');
    expect(nameMatchVariant('ana.lopez', 'Ana María López')).toBe('FIRST_DOT_LAST');
    expect(nameMatchVariant('ana.maria.lopez', 'Ana María López')).toBe('FULL_NAME');
    expect(nameMatchVariant('Ana López', 'Ana María López')).toBeNull();
  });
});

describe('PodFactory email variants (metadata Option B)', () => {
  it('inserts each station suffix before the domain', () => {
    expect(podfactoryEmailVariants('John.Doe@Example.com')).toEqual([
      'john.doe.shp@example.com',
      'john.doe.ship@example.com',
      'john.doe.pack@example.com',
      'john.doe.pick@example.com',
      'john.doe.hp@example.com',
    ]);
    expect(podfactoryEmailVariants('not-an-address')).toEqual([]);
  });

  it('strips exactly one known suffix and nothing else', () => {
    expect(stripPodfactorySuffix('john.doe.SHP@example.com')).toBe('john.doe@example.com');
    expect(stripPodfactorySuffix('john.doe.hp@example.com')).toBe('john.doe@example.com');
    expect(stripPodfactorySuffix('john.doe@example.com')).toBe('john.doe@example.com');
    // ".shipping" is not ".ship"; a suffix in the middle stays.
    expect(stripPodfactorySuffix('john.shipping@example.com')).toBe('john.shipping@example.com');
    expect(stripPodfactorySuffix('john.pack.doe@example.com')).toBe('john.pack.doe@example.com');
  });
});

describe('matching a roster entry', () => {
  const employees = [
    employee('a', 'José Martínez', 'Picking', 'jose.martinez@warehouse-example.com'),
    employee('b', 'Ana Gómez', 'Picking', 'ana.gomez@warehouse-example.com'),
    employee('c', 'Ana Gómez', 'Shipping', 'ana.gomez2@warehouse-example.com'),
    employee('d', 'María Fernández', 'Packing', 'maria.lopez@warehouse-example.com'),
    employee('e', 'Martín Doe', 'Packing'),
  ];

  it('matches one employee by a name variant', () => {
    expect(matchRosterEntry({ name: 'jose_martinez' }, employees)).toEqual({
      status: 'MATCHED',
      employee: employees[0],
      variant: 'FIRST_UNDERSCORE_LAST',
      nameVariant: 'FIRST_UNDERSCORE_LAST',
      previousName: null,
    });
  });

  it('is ambiguous when the same name is in two departments', () => {
    const match = matchRosterEntry({ name: 'ana gomez' }, employees);
    expect(match.status).toBe('AMBIGUOUS');
    if (match.status !== 'AMBIGUOUS') return;
    expect(match.candidates.map((candidate) => candidate.department).sort()).toEqual(['Picking', 'Shipping']);
    expect(match.variant).toBe('FULL_NAME');
  });

  it('lets a suffixed email decide, since addresses are unique', () => {
    expect(matchRosterEntry({ name: 'Ana Gómez', email: 'ana.gomez2.pick@warehouse-example.com' }, employees)).toMatchObject({
      status: 'MATCHED',
      employee: { id: 'c' },
      variant: 'EMAIL',
      nameVariant: 'FULL_NAME',
    });
  });

  it('says when a matched employee was renamed (the name no longer agrees)', () => {
    expect(matchRosterEntry({ name: 'María López', email: 'maria.lopez.shp@warehouse-example.com' }, employees)).toMatchObject({
      status: 'MATCHED',
      employee: { id: 'd' },
      variant: 'EMAIL',
      nameVariant: null,
    });
    expect(matchRosterEntry({ name: 'María López' }, employees)).toEqual({ status: 'UNMATCHED' });
  });

  it('matches a renamed employee by a previous name, and says which one', () => {
    const renamed = { ...employee('r', 'María Pérez', 'Picking'), previousNames: ['Maria Lopez', 'María López-Ruiz'] };
    expect(matchRosterEntry({ name: 'maria.lopez' }, [renamed])).toEqual({
      status: 'MATCHED',
      employee: renamed,
      variant: 'FIRST_DOT_LAST',
      nameVariant: null,
      previousName: 'Maria Lopez',
    });
    // The current name still wins when it agrees as strongly.
    expect(matchRosterEntry({ name: 'María Pérez' }, [renamed])).toMatchObject({ nameVariant: 'FULL_NAME', previousName: null });
    // By email, the earlier name that agrees is reported next to nameVariant null.
    expect(matchRosterEntry({ name: 'María López-Ruiz', email: `${renamed.email.split('@')[0]}.pack@${renamed.email.split('@')[1]}` }, [renamed])).toMatchObject({
      variant: 'EMAIL',
      nameVariant: null,
      previousName: 'María López-Ruiz',
    });
  });

  it('prefers a full-name match over a lone first or last name', () => {
    const people = [employee('x', 'Doe', 'Picking'), employee('y', 'John Doe', 'Picking')];
    expect(matchRosterEntry({ name: 'doe' }, people)).toMatchObject({ status: 'MATCHED', employee: { id: 'x' }, variant: 'FULL_NAME' });
  });

  it('treats a lone name shared as first and last name as ambiguous', () => {
    const people = [employee('x', 'Martin Smith', 'Picking'), employee('y', 'Ann Martin', 'Packing')];
    expect(matchRosterEntry({ name: 'Martin' }, people)).toMatchObject({ status: 'AMBIGUOUS', variant: 'FIRST_NAME' });
    expect(matchRosterEntry({ name: 'Smith' }, people)).toMatchObject({ status: 'MATCHED', employee: { id: 'x' }, variant: 'LAST_NAME' });
  });

  it('leaves unknown names and unknown addresses unmatched', () => {
    expect(matchRosterEntry({ name: 'Nobody Here', email: 'nobody.pack@warehouse-example.com' }, employees)).toEqual({ status: 'UNMATCHED' });
  });
});
