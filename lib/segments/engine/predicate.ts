import { join, raw, type Sql, sql } from "@prisma/client-runtime-utils";

/**
 * The compiler's predicate algebra: SQL fragments that fold constants (a condition that
 * can never hold is `false`, not SQL) and carry a cost, so that AND / OR write the cheap
 * parts first.
 */

/** A predicate, or a constant folded at compile time. */
export type Pred = Sql | boolean;

const TRUE = raw("TRUE");
const FALSE = raw("FALSE");

/**
 * Relative cost of evaluating a predicate for one contact: 0 a contact column, 1 a probe of
 * a hashed set or a primary key, 2 a per-contact read of events. PostgreSQL reorders only
 * the top-level conjuncts by cost; inside nested AND / OR it evaluates in written order, so
 * the compiler writes the cheap parts first (the predicates are side-effect free and
 * two-valued, so the order never changes the result) and the costly ones run only for the
 * contacts the cheap ones leave undecided.
 */
const costs = new WeakMap<Sql, number>();

export function withCost(pred: Sql, cost: number): Sql {
  costs.set(pred, cost);
  return pred;
}

export const costOf = (pred: Sql) => costs.get(pred) ?? 0;

export function render(pred: Pred): Sql {
  return pred === true ? TRUE : pred === false ? FALSE : pred;
}

export function and(parts: Pred[]): Pred {
  if (parts.some((p) => p === false)) return false;
  const live = parts.filter((p): p is Sql => p !== true);
  if (live.length === 0) return true;
  if (live.length === 1) return live[0]!;
  return joinPreds(live, " AND ");
}

export function or(parts: Pred[]): Pred {
  if (parts.some((p) => p === true)) return true;
  const live = parts.filter((p): p is Sql => p !== false);
  if (live.length === 0) return false;
  if (live.length === 1) return live[0]!;
  return joinPreds(live, " OR ");
}

// NOT binds more loosely than every comparison, IS, IN and operator, and AND / OR parts
// are always parenthesized (joinPreds), so `NOT <pred>` needs no extra parentheses.
export function not(pred: Pred): Pred {
  return typeof pred === "boolean" ? !pred : withCost(sql`NOT ${pred}`, costOf(pred));
}

/** Cheapest first (stable), see `costs`; the result costs what its dearest part costs. */
export function joinPreds(parts: Sql[], separator: string): Sql {
  const ordered = parts
    .map((part, index) => ({ part, index, cost: costOf(part) }))
    .sort((a, b) => a.cost - b.cost || a.index - b.index);
  return withCost(
    join(
      ordered.map((o) => o.part),
      separator,
      "(",
      ")",
    ),
    ordered.at(-1)!.cost,
  );
}

/** Wraps a predicate in parentheses so it composes safely. */
export function paren(pred: Sql): Sql {
  return sql`(${pred})`;
}
