import { readFile } from 'node:fs/promises';

/**
 * Reads codegen's persisted-documents.json ({ "<sha256>": "<document>" }). With it configured the
 * gateway runs only those documents, so a leaked token cannot be used to run arbitrary queries.
 */
export async function loadPersistedOperations(file: string | undefined): Promise<ReadonlyMap<string, string> | undefined> {
  if (!file) return undefined;
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file} must be a JSON object mapping document hashes to documents`);
  }
  const entries = Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return new Map(entries);
}
