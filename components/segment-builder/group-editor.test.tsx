import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderBuilder } from "@/test/segment-builder-harness";

// The server actions are the network boundary (value suggestions); nothing here needs an answer.
vi.mock("@/app/(app)/segments/new/actions", () => ({
  previewSegmentAction: vi.fn(),
  suggestValuesAction: vi.fn(async () => ({ ok: true, data: [] })),
}));

const twoConditions = {
  match: "all" as const,
  groups: [
    {
      match: "all" as const,
      conditions: [
        { field: "contact.country", operator: "equals" as const, value: "DE" },
        { field: "contact.leadScore", operator: "greater_than" as const, value: 50 },
      ],
    },
  ],
};

const group = (name: string) => screen.getByRole("region", { name });
const rowsOf = (region: HTMLElement) => within(region).queryAllByRole("group", { name: /condition \d+$/ });

describe("GroupEditor", () => {
  it("joins its conditions with AND for ALL and OR for ANY", async () => {
    const user = userEvent.setup();
    renderBuilder(twoConditions);
    const g1 = group("Group 1");
    expect(within(g1).getByText("AND")).toBeTruthy();
    expect(within(g1).queryByText("OR")).toBeNull();

    await user.selectOptions(within(g1).getByRole("combobox", { name: "Match for group 1" }), "ANY (or)");

    expect(within(g1).getByText("OR")).toBeTruthy();
    expect(within(g1).queryByText("AND")).toBeNull();
  });

  it("adds an empty condition row with + Condition", async () => {
    const user = userEvent.setup();
    renderBuilder(twoConditions);
    await user.click(screen.getByRole("button", { name: "Add condition to group 1" }));

    const rows = rowsOf(group("Group 1"));
    expect(rows).toHaveLength(3);
    expect(within(rows[2]!).getByRole("button", { name: "Field: none chosen" })).toBeTruthy();
    expect(within(group("Group 1")).getAllByText("AND")).toHaveLength(2);
  });

  it("adds a nested group with the other match mode and one empty condition", async () => {
    const user = userEvent.setup();
    renderBuilder(twoConditions);
    await user.click(screen.getByRole("button", { name: "Add sub-group to group 1" }));

    const nested = within(group("Group 1")).getByRole("region", { name: "Group 1.3" });
    expect((within(nested).getByRole("combobox", { name: "Match for group 1.3" }) as HTMLSelectElement).value).toBe(
      "any",
    );
    expect(rowsOf(nested)).toHaveLength(1);
    expect(within(nested).getByRole("button", { name: "Field: none chosen" })).toBeTruthy();
  });

  it("refuses a sub-group below the depth limit of 5", async () => {
    const user = userEvent.setup();
    renderBuilder();
    // Group 1 (depth 1) → 1.2 → 1.2.2 → 1.2.2.2 → 1.2.2.2.2 (depth 5): each new group gets
    // one blank condition, so its own sub-group lands at index 2.
    const labels = ["group 1", "group 1.2", "group 1.2.2", "group 1.2.2.2"];
    for (const label of labels) {
      const add = screen.getByRole("button", { name: `Add sub-group to ${label}` }) as HTMLButtonElement;
      expect(add.disabled).toBe(false);
      await user.click(add);
    }

    const deepest = screen.getByRole("button", { name: "Add sub-group to group 1.2.2.2.2" }) as HTMLButtonElement;
    expect(deepest.disabled).toBe(true);
    expect(deepest.title).toBe("Groups nest at most 5 deep");
    await user.click(deepest);
    expect(screen.queryByRole("region", { name: "Group 1.2.2.2.2.2" })).toBeNull();
    // A condition can still go in at that depth.
    const addCondition = screen.getByRole("button", { name: "Add condition to group 1.2.2.2.2" }) as HTMLButtonElement;
    expect(addCondition.disabled).toBe(false);
  });

  it("duplicates a condition right after it and removes one", async () => {
    const user = userEvent.setup();
    renderBuilder(twoConditions);
    await user.click(screen.getByRole("button", { name: "Duplicate group 1 condition 1" }));

    let rows = rowsOf(group("Group 1"));
    expect(rows).toHaveLength(3);
    const valueIn = (row: HTMLElement) => (within(row).getByLabelText("Value") as HTMLInputElement).value;
    expect([valueIn(rows[0]!), valueIn(rows[1]!)]).toEqual(["DE", "DE"]);
    expect(within(rows[2]!).getByRole("button", { name: "Field: Lead score" })).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Remove group 1 condition 1" }));
    rows = rowsOf(group("Group 1"));
    expect(rows).toHaveLength(2);
    expect(within(rows[1]!).getByRole("button", { name: "Field: Lead score" })).toBeTruthy();
  });

  it("duplicates and removes a whole group", async () => {
    const user = userEvent.setup();
    renderBuilder(twoConditions);
    await user.click(screen.getByRole("button", { name: "+ Group" }));
    expect(screen.getByRole("region", { name: "Group 2" })).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Duplicate group 1" }));
    expect(rowsOf(group("Group 2"))).toHaveLength(2);
    expect(screen.getByRole("region", { name: "Group 3" })).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Remove group 2" }));
    expect(screen.queryByRole("region", { name: "Group 3" })).toBeNull();
    expect(rowsOf(group("Group 2"))).toHaveLength(1);
  });

  it("shows the group's own issue when its last condition is removed", async () => {
    const user = userEvent.setup();
    renderBuilder({
      match: "all",
      groups: [{ match: "all", conditions: [{ field: "contact.country", operator: "equals", value: "DE" }] }],
    });
    expect(screen.queryByText("a group needs at least one condition")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Remove group 1 condition 1" }));

    expect(rowsOf(group("Group 1"))).toHaveLength(0);
    expect(within(group("Group 1")).getByText("a group needs at least one condition")).toBeTruthy();
  });
});
