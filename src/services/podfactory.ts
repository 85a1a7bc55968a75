// PodFactory compatibility. PodFactory matches people to employees by normalised name (full name,
// first.last, first_last, first name, last name; case- and accent-insensitive) and knows them by email
// variants with a station suffix (john.doe.shp@, .ship, .pack, .pick, .hp). Everything here is pure.

export const PODFACTORY_EMAIL_SUFFIXES = ['shp', 'ship', 'pack', 'pick', 'hp'] as const;

/** Lower case, accents removed (NFKD minus combining marks), whitespace collapsed. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Name tokens: whitespace, `.` and `_` separate (so `john.doe`, `john_doe` and `John Doe` agree). */
export function nameTokens(name: string): string[] {
  return normalizeName(name)
    .split(/[\s._]+/)
    .filter((token) => token !== '');
}

export interface NameVariants {
  /** Every token, space-separated: `ana maria lopez`. */
  full: string;
  /** `ana.lopez` (first and last token). */
  firstDotLast: string;
  /** `ana_lopez`. */
  firstUnderscoreLast: string;
  first: string;
  last: string;
}

/** The plan's variants of an employee's name; null for a name without letters or digits. */
export function podfactoryNameVariants(name: string): NameVariants | null {
  const tokens = nameTokens(name);
  const first = tokens[0];
  const last = tokens.at(-1);
  if (first === undefined || last === undefined) return null;
  return {
    full: tokens.join(' '),
    firstDotLast: `${first}.${last}`,
    firstUnderscoreLast: `${first}_${last}`,
    first,
    last,
  };
}

/** `john.doe@x.com` -> `john.doe.shp@x.com`, `john.doe.ship@x.com`, ... (metadata Option B). */
export function podfactoryEmailVariants(email: string): string[] {
  const at = email.lastIndexOf('@');
  if (at <= 0) return [];
  const local = email.slice(0, at).toLowerCase();
  const domain = email.slice(at + 1).toLowerCase();
  return PODFACTORY_EMAIL_SUFFIXES.map((suffix) => `${local}.${suffix}@${domain}`);
}

/** `john.doe.pack@x.com` -> `john.doe@x.com`; an address without a known suffix comes back lower-cased. */
export function stripPodfactorySuffix(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0) return lower;
  const local = lower.slice(0, at);
  const suffix = PODFACTORY_EMAIL_SUFFIXES.find((candidate) => local.endsWith(`.${candidate}`));
  return suffix ? `${local.slice(0, -(suffix.length + 1))}${lower.slice(at)}` : lower;
}

/** Which variant matched, strongest first. */
export type NameMatchVariant = 'EMAIL' | 'FULL_NAME' | 'FIRST_DOT_LAST' | 'FIRST_UNDERSCORE_LAST' | 'FIRST_NAME' | 'LAST_NAME';

export interface MatchCandidate {
  id: string;
  name: string;
  email: string;
  department: string;
  /** Earlier names (updateEmployee keeps them): PodFactory may still know the person by one. */
  previousNames?: readonly string[];
}

export interface RosterEntry {
  name: string;
  email?: string | null;
}

export type NameVariant = Exclude<NameMatchVariant, 'EMAIL'>;

export type PodfactoryMatch<E extends MatchCandidate = MatchCandidate> =
  /** `nameVariant`: how the roster name agrees with the employee's current name; null when it does not (renamed). */
  | {
      status: 'MATCHED';
      employee: E;
      variant: NameMatchVariant;
      nameVariant: NameVariant | null;
      /** The earlier name that matched when the current one does not; null otherwise. */
      previousName: string | null;
    }
  | { status: 'AMBIGUOUS'; candidates: E[]; variant: NameMatchVariant }
  | { status: 'UNMATCHED' };

/**
 * Compares a roster name with an employee name the way PodFactory does, after normalising both (case,
 * accents, spacing): the strongest of the plan's variants that agrees, or null.
 */
export function nameMatchVariant(rosterName: string, employeeName: string): Exclude<NameMatchVariant, 'EMAIL'> | null {
  const employee = podfactoryNameVariants(employeeName);
  const written = normalizeName(rosterName);
  if (!employee || written === '') return null;
  if (written === employee.full) return 'FULL_NAME';
  if (written === employee.firstDotLast) return 'FIRST_DOT_LAST';
  if (written === employee.firstUnderscoreLast) return 'FIRST_UNDERSCORE_LAST';
  // The full name written with other separators (`ana.maria.lopez`, `Ana  María López`).
  if (nameTokens(rosterName).join(' ') === employee.full) return 'FULL_NAME';
  if (written === employee.first) return 'FIRST_NAME';
  if (written === employee.last) return 'LAST_NAME';
  return null;
}

const STRONG_VARIANTS: ReadonlySet<NameMatchVariant> = new Set(['FULL_NAME', 'FIRST_DOT_LAST', 'FIRST_UNDERSCORE_LAST']);

/**
 * Matches roster entries against employees. The email (station suffix removed) decides when it is an
 * employee's address, since addresses are unique; otherwise the strongest name variant decides (full
 * name, first.last, first_last before a lone first or last name): one employee is a match, several (the
 * same name, whatever the departments) are ambiguous. Employees are indexed once, so a roster costs a few map
 * look-ups per entry.
 */
export function createRosterMatcher<E extends MatchCandidate>(employees: readonly E[]): (entry: RosterEntry) => PodfactoryMatch<E> {
  const byEmail = new Map<string, E>();
  const strong = new Map<string, E[]>();
  const weak = new Map<string, E[]>();
  const add = (index: Map<string, E[]>, key: string, employee: E) => {
    const list = index.get(key);
    if (!list) index.set(key, [employee]);
    else if (!list.includes(employee)) list.push(employee);
  };
  for (const employee of employees) {
    byEmail.set(employee.email.toLowerCase(), employee);
    for (const name of namesOf(employee)) {
      const variants = podfactoryNameVariants(name);
      if (!variants) continue;
      for (const key of [variants.full, variants.firstDotLast, variants.firstUnderscoreLast]) add(strong, key, employee);
      for (const key of [variants.first, variants.last]) add(weak, key, employee);
    }
  }
  return (entry) => {
    if (entry.email) {
      const employee = byEmail.get(stripPodfactorySuffix(entry.email));
      if (employee) {
        const nameVariant = nameMatchVariant(entry.name, employee.name);
        const earlier = nameVariant === null ? strongestName(entry.name, employee) : null;
        return { status: 'MATCHED', employee, variant: 'EMAIL', nameVariant, previousName: earlier?.previousName ?? null };
      }
    }
    const written = normalizeName(entry.name);
    const candidates = [...new Set([...(strong.get(written) ?? []), ...(strong.get(nameTokens(entry.name).join(' ')) ?? [])])];
    const tier = candidates.length > 0 ? candidates : (weak.get(written) ?? []);
    // The index only proposes; nameMatchVariant is the definition, and names the variant.
    const matched = tier.flatMap((employee) => {
      const best = strongestName(entry.name, employee);
      return best !== null && (tier === candidates) === STRONG_VARIANTS.has(best.variant) ? [{ employee, ...best }] : [];
    });
    const [first, ...others] = matched;
    if (first === undefined) return { status: 'UNMATCHED' };
    if (others.length === 0) {
      return {
        status: 'MATCHED',
        employee: first.employee,
        variant: first.variant,
        nameVariant: first.previousName === null ? first.variant : null,
        previousName: first.previousName,
      };
    }
    return { status: 'AMBIGUOUS', candidates: matched.map((match) => match.employee), variant: first.variant };
  };
}

function namesOf(employee: MatchCandidate): string[] {
  return [employee.name, ...(employee.previousNames ?? [])];
}

const VARIANT_STRENGTH: readonly NameVariant[] = ['FULL_NAME', 'FIRST_DOT_LAST', 'FIRST_UNDERSCORE_LAST', 'FIRST_NAME', 'LAST_NAME'];

/** The strongest variant by which the roster name agrees with the current name or, failing that, an earlier one. */
function strongestName(rosterName: string, employee: MatchCandidate): { variant: NameVariant; previousName: string | null } | null {
  const current = nameMatchVariant(rosterName, employee.name);
  let best: { variant: NameVariant; previousName: string | null } | null = current ? { variant: current, previousName: null } : null;
  // Newest earlier name first, so the latest of equally strong ones is the one reported.
  for (const name of [...(employee.previousNames ?? [])].reverse()) {
    const variant = nameMatchVariant(rosterName, name);
    if (variant !== null && (best === null || VARIANT_STRENGTH.indexOf(variant) < VARIANT_STRENGTH.indexOf(best.variant))) {
      best = { variant, previousName: name };
    }
  }
  return best;
}

/** One entry against the employees (see createRosterMatcher). */
export function matchRosterEntry<E extends MatchCandidate>(entry: RosterEntry, employees: readonly E[]): PodfactoryMatch<E> {
  return createRosterMatcher(employees)(entry);
}
