import { describe, expect, it } from "vitest";
import { fieldsChangedByEvents, fieldsOfDefinition, isAffectedBy } from "./event-dependents";

const rules = (conditions: unknown[], exclusions?: unknown[]) => ({
  match: "all",
  groups: [{ match: "any", conditions }],
  ...(exclusions ? { exclusions } : {}),
});

describe("segments affected by events", () => {
  it("lists the event field and the contact fields each type changes", () => {
    expect(fieldsChangedByEvents(["email_opened"])).toEqual(
      new Set([
        "event.email_opened",
        "contact.lastOpenedAt",
        "contact.lastActivityAt",
        "contact.lastOpenedDevice",
        "contact.openedLastEmail",
      ]),
    );
    expect(fieldsChangedByEvents(["unsubscribed"])).toEqual(
      new Set(["event.unsubscribed", "contact.subscriptionStatus"]),
    );
    expect(fieldsChangedByEvents(["email_delivered"])).toEqual(new Set(["event.email_delivered"]));
  });

  it("finds fields in nested groups and exclusions", () => {
    const definition = rules(
      [
        { field: "contact.leadScore", operator: "greater_than", value: 5 },
        { match: "all", conditions: [{ field: "event.email_clicked", operator: "has_done" }] },
      ],
      [{ match: "all", conditions: [{ field: "contact.lastOpenedAt", operator: "is_set" }] }],
    );
    expect(fieldsOfDefinition(definition)).toEqual(
      new Set(["contact.leadScore", "event.email_clicked", "contact.lastOpenedAt"]),
    );
    expect(isAffectedBy(definition, fieldsChangedByEvents(["email_opened"]))).toBe(true);
    expect(isAffectedBy(definition, fieldsChangedByEvents(["email_clicked"]))).toBe(true);
    expect(isAffectedBy(definition, fieldsChangedByEvents(["page_visited"]))).toBe(false);
  });

  it("treats a definition that is not one as naming nothing", () => {
    for (const bad of [null, 3, "x", [], { groups: "no" }]) expect(fieldsOfDefinition(bad).size).toBe(0);
  });
});
