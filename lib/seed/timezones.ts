/**
 * Local hour and weekday of an instant in a contact's timezone, the way PostgreSQL reads
 * the timezone: an abbreviation (PostgreSQL's default set, fixed offsets: EST is always
 * -05:00), an IANA name (with daylight saving time), anything else as UTC. Used to seed
 * preferredOpenHour/Day; refreshPreferredOpenTimes() recomputes them in SQL and corrects
 * any disagreement, so this only has to be right almost always.
 */

const HOUR = 3_600_000;

/** The abbreviations the demo data uses, with PostgreSQL's offsets (pg_timezone_abbrevs). */
const ABBREVIATION_OFFSET_MINUTES: Record<string, number> = { PST: -480, MST: -420, CST: -360, EST: -300 };

export type LocalClock = (utcMs: number) => { hour: number; isoWeekday: number };

const clocks = new Map<string, LocalClock>();

export function localClock(timezone: string | null): LocalClock {
  const key = timezone ?? "";
  let clock = clocks.get(key);
  if (!clock) {
    clock = makeClock(timezone);
    clocks.set(key, clock);
  }
  return clock;
}

function fixedClock(offsetMinutes: number): LocalClock {
  return (utcMs) => {
    const local = new Date(utcMs + offsetMinutes * 60_000);
    return { hour: local.getUTCHours(), isoWeekday: ((local.getUTCDay() + 6) % 7) + 1 };
  };
}

function makeClock(timezone: string | null): LocalClock {
  if (!timezone) return fixedClock(0);
  const abbreviation = ABBREVIATION_OFFSET_MINUTES[timezone.toUpperCase()];
  if (abbreviation !== undefined) return fixedClock(abbreviation);
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
  } catch {
    return fixedClock(0); // not a zone name: PostgreSQL falls back to UTC too
  }
  // Offsets change only on whole UTC hours for every zone we use: cache one per hour.
  const offsets = new Map<number, number>();
  const offsetAt = (utcMs: number) => {
    const hourKey = Math.floor(utcMs / HOUR);
    let offset = offsets.get(hourKey);
    if (offset === undefined) {
      const parts: Record<string, number> = {};
      for (const part of format.formatToParts(new Date(hourKey * HOUR))) parts[part.type] = Number(part.value);
      const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
      offset = asUtc - hourKey * HOUR;
      offsets.set(hourKey, offset);
    }
    return offset;
  };
  return (utcMs) => {
    const local = new Date(utcMs + offsetAt(utcMs));
    return { hour: local.getUTCHours(), isoWeekday: ((local.getUTCDay() + 6) % 7) + 1 };
  };
}

/** The UTC offset in ms of a timezone at an instant (0 for unknown zones). */
export function utcOffsetMs(timezone: string | null, utcMs: number): number {
  const { hour } = localClock(timezone)(utcMs);
  const utcHour = new Date(utcMs).getUTCHours();
  let diff = hour - utcHour;
  if (diff > 14) diff -= 24;
  if (diff < -12) diff += 24;
  return diff * HOUR; // whole hours are precise enough to place an open near a habit hour
}
