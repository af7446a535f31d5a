/** The seed's command line: sizes are flags, so the same code loads a demo or a benchmark. */
export type SeedOptions = {
  /** Contacts per company. */
  contacts: number;
  /** Events per company. */
  events: number;
  companies: number;
  /** Wipe every data table first. */
  reset: boolean;
  /** The moment the data ends at (default: now). Same flags and same `now` = same rows. */
  now?: Date;
};

export const DEFAULT_CONTACTS = 10_000;
export const EVENTS_PER_CONTACT = 10;
export const DEFAULT_COMPANIES = 3;

export const SEED_USAGE = `Usage: npm run db:seed -- [--contacts N] [--events N] [--companies K] [--reset] [--now ISO-TIME]

  --contacts N    contacts per company (default ${DEFAULT_CONTACTS.toLocaleString("en-US")})
  --events N      events per company (default ${EVENTS_PER_CONTACT} per contact)
  --companies K   companies: Acme Corp, Globex, Initech, ... (default ${DEFAULT_COMPANIES})
  --reset         wipe all data tables first (needed when demo data is already there)
  --now TIME      end the 90 days of events at this instant instead of now (reproducible runs)

  --contacts 0 --events 0 loads companies, users and custom fields only.
  Database: DATABASE_URL (PostgreSQL) or the embedded database in PGLITE_DATA_DIR.`;

export class SeedUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SeedUsageError";
  }
}

const LIMITS = { contacts: 50_000_000, events: 500_000_000, companies: 100 };

function count(flag: string, raw: string | undefined, max: number): number {
  if (raw === undefined || raw.startsWith("--")) throw new SeedUsageError(`${flag} needs a number`);
  const cleaned = raw.replace(/[_,]/g, "");
  const value = /^\d+(\.\d+)?e\d+$/i.test(cleaned) || /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new SeedUsageError(`${flag} must be a whole number of 0 or more, got "${raw}"`);
  }
  if (value > max) throw new SeedUsageError(`${flag} must be at most ${max.toLocaleString("en-US")}`);
  return value;
}

export function parseSeedArgs(argv: string[]): SeedOptions | "help" {
  let contacts: number | undefined;
  let events: number | undefined;
  let companies: number | undefined;
  let reset = false;
  let now: Date | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case "--contacts":
        contacts = count(flag, value(), LIMITS.contacts);
        break;
      case "--events":
        events = count(flag, value(), LIMITS.events);
        break;
      case "--companies":
        companies = count(flag, value(), LIMITS.companies);
        break;
      case "--reset":
        reset = true;
        break;
      case "--now": {
        const raw = value();
        now = raw ? new Date(raw) : undefined;
        if (!now || Number.isNaN(now.getTime()))
          throw new SeedUsageError(`--now must be an ISO time, got "${raw ?? ""}"`);
        break;
      }
      case "--help":
      case "-h":
        return "help";
      default:
        throw new SeedUsageError(`unknown option "${arg}"`);
    }
  }
  contacts ??= DEFAULT_CONTACTS;
  events ??= contacts * EVENTS_PER_CONTACT;
  companies ??= DEFAULT_COMPANIES;
  if (companies < 1) throw new SeedUsageError("--companies must be at least 1");
  if (contacts === 0 && events > 0) throw new SeedUsageError("--events needs contacts: use --contacts N with N > 0");
  return { contacts, events, companies, reset, now };
}
