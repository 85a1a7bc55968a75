// What every command shares: strict argument parsing (an unknown flag or an extra argument is a usage
// error, named in one line, before anything is done), `--help`, one meaning per exit code, Ctrl-C and
// SIGTERM handling that lets the work in flight finish, errors in plain words, and progress that still
// shows in a log. Each CLI in src/cli/ declares its flags and calls these; none parses argv by hand.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import cliProgress from 'cli-progress';

/** 0 done, 1 failed, 2 usage; interrupted: 128 + the signal's number (SIGINT 130, SIGTERM 143), as shells report it. */
export const EXIT = { done: 0, failed: 1, usage: 2 } as const;
const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

export interface CommandSpec<O extends ParseArgsOptionsConfig> {
  /** How an operator types it, e.g. `npm run import --`. */
  command: string;
  /** The whole usage text: the synopsis line, then one line per flag. */
  usage: string;
  options: O;
  /** Positional arguments allowed (default none). */
  positionals?: { min: number; max: number };
}

/** Parses process.argv strictly; prints usage and exits 0 on --help, or one line and exits 2 on a usage error. */
export function parseCommand<O extends ParseArgsOptionsConfig>(spec: CommandSpec<O>, argv = process.argv.slice(2)) {
  const { min, max } = spec.positionals ?? { min: 0, max: 0 };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    usageError(spec, describeParseError(error));
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${spec.usage.trimEnd()}\n`);
    process.exit(EXIT.done);
  }
  if (parsed.positionals.length > max) usageError(spec, `unexpected argument '${parsed.positionals[max]}'`);
  if (parsed.positionals.length < min) usageError(spec, `missing argument (${spec.usage.split('\n')[0]!.replace(/^usage:\s*/i, '')})`);
  return parsed as { values: ReturnType<typeof parseArgs<{ options: O; strict: true }>>['values']; positionals: string[] };
}

/** One line on stderr naming what was wrong and where help is; exit 2, nothing done. */
export function usageError(spec: Pick<CommandSpec<ParseArgsOptionsConfig>, 'command'>, message: string): never {
  process.stderr.write(`${message}; see ${spec.command} --help\n`);
  process.exit(EXIT.usage);
}

function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const named = /'([^']+)'/.exec(message ?? '')?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && named) return `unknown option '${named}'`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && named) return `unexpected argument '${named}'`;
  return (message ?? String(error)).split('\n')[0]!;
}

export interface Interruption {
  /** Aborted at the first SIGINT or SIGTERM: stop taking new work, finish or release what is in flight. */
  readonly signal: AbortSignal;
  /** The signal received, if any. */
  readonly received: 'SIGINT' | 'SIGTERM' | undefined;
  /** 130 or 143 once interrupted, else `otherwise`. */
  exitCode(otherwise: number): number;
}

/** Ctrl-C twice in a row (npm forwards the terminal's to its child too) within this counts as one. */
const REPEAT_MS = 1_000;

/**
 * Installs the handling of SIGINT and SIGTERM for a command. `onFirst` runs at the first one (a command
 * whose work cannot stop part-way exits there after closing what it opened); a second one a moment
 * later stops at once, with the same exit code (work already stored stays; the command resumes it).
 */
export function interruption(onFirst?: (signal: 'SIGINT' | 'SIGTERM') => void | Promise<void>): Interruption {
  const controller = new AbortController();
  let received: 'SIGINT' | 'SIGTERM' | undefined;
  let at = 0;
  const handle = (signal: 'SIGINT' | 'SIGTERM') => {
    if (received) {
      if (Date.now() - at < REPEAT_MS) return;
      process.stderr.write(`${signal} again: stopping at once\n`);
      process.exit(SIGNAL_EXIT[received]);
    }
    received = signal;
    at = Date.now();
    controller.abort();
    if (onFirst) {
      void Promise.resolve(onFirst(signal)).finally(() => process.exit(SIGNAL_EXIT[signal]));
      return;
    }
    process.stderr.write(`${signal}: finishing the work in flight, then stopping (again to stop at once)\n`);
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    exitCode: (otherwise) => (received ? SIGNAL_EXIT[received] : otherwise),
  };
}

/** "stopped after 54 of 1,000 users; run the same command again to resume" */
export function stoppedLine(done: number, total: number, what: string, rest = 'run the same command again to resume'): string {
  return `stopped after ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${what}; ${rest}`;
}

/**
 * An error as an operator should read it: database timeouts and unreachable servers in plain words with
 * what to do (Prisma's and pg's own wording names neither), anything else by its message.
 */
export function plainError(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  const text = message ?? String(error);
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  if (code === 'P2028' || /Unable to start a transaction in the given time|Transaction already closed/i.test(text)) {
    return 'the database did not start or finish a transaction in time (its connections are busy, or the server is slow): run the same command again; nothing half-done is kept';
  }
  if (code === 'P2024' || /Timed out fetching a new connection/i.test(text)) {
    return 'no database connection became free in time (another long command on the same database?): run the same command again';
  }
  if (code === 'P1001' || code === 'ECONNREFUSED' || cause === 'ECONNREFUSED' || /ECONNREFUSED|Can't reach database server/i.test(text)) {
    return `the database does not answer (${text.split('\n')[0]}): start the gateway (npm start) or check DATABASE_URL, then run the same command again`;
  }
  if (code === 'P1002' || code === 'ETIMEDOUT' || /timeout exceeded when trying to connect|Connection terminated due to connection timeout/i.test(text)) {
    return 'the database did not answer in time: check that its server is up and reachable (DATABASE_URL), then run the same command again';
  }
  if (code === '53300' || /too many clients|remaining connection slots/i.test(text)) {
    return 'the database refuses more connections (too many clients): stop another command or raise max_connections, then run the same command again';
  }
  return text;
}

/**
 * A progress bar on stderr (stdout keeps the report). On a terminal it redraws in place; in a log (not a
 * TTY) it writes a plain line every few seconds, so a CI log or `2> file` shows it moving.
 */
export function progressBar(format: string, options: cliProgress.Options = {}): cliProgress.SingleBar {
  return new cliProgress.SingleBar({
    format,
    // cli-progress prints an ETA it cannot tell yet (no progress) as "NFs".
    formatTime: (seconds, timeOptions, roundTo) => (typeof seconds === 'number' ? cliProgress.Format.TimeFormat(seconds, timeOptions, roundTo) : '?'),
    noTTYOutput: true,
    notTTYSchedule: NOT_TTY_EVERY_MS,
    // In a log each line already ends the bar's output; the closing newline would add a blank line.
    clearOnComplete: !process.stderr.isTTY,
    // Leave the terminal's line-wrap mode alone: a Ctrl-C would leave it switched off.
    linewrap: true,
    ...options,
  });
}

export const NOT_TTY_EVERY_MS = 3_000;
