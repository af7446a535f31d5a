import { screen, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderBuilder } from "@/test/segment-builder-harness";

// The server actions are the network boundary (value suggestions); no suggestions here.
vi.mock("@/app/(app)/segments/new/actions", () => ({
  previewSegmentAction: vi.fn(),
  suggestValuesAction: vi.fn(async () => ({ ok: true, data: [] })),
}));

const row = (n: number) => screen.getByRole("group", { name: `Group 1 condition ${n}` });

/** Opens the row's field picker, searches and clicks the option, as a user would. */
async function pickField(user: UserEvent, rowEl: HTMLElement, search: string, option: string) {
  await user.click(within(rowEl).getByRole("button", { name: /^Field: / }));
  await user.type(within(rowEl).getByRole("combobox", { name: "Search fields" }), search);
  await user.click(within(rowEl).getByRole("option", { name: new RegExp(`^${option}`) }));
}

function operatorsOffered(rowEl: HTMLElement): string[] {
  const select = within(rowEl).getByRole("combobox", { name: "Operator" }) as HTMLSelectElement;
  return [...select.options].map((o) => o.textContent ?? "");
}

const operatorOf = (rowEl: HTMLElement) =>
  (within(rowEl).getByRole("combobox", { name: "Operator" }) as HTMLSelectElement).value;

describe("ConditionRow: field, operator and value input", () => {
  it("offers no operator until a field is picked, then the field's operators and value input", async () => {
    const user = userEvent.setup();
    renderBuilder();
    expect((within(row(1)).getByRole("combobox", { name: "Operator" }) as HTMLSelectElement).disabled).toBe(true);

    await pickField(user, row(1), "country", "Country");
    expect(within(row(1)).getByRole("button", { name: "Field: Country" })).toBeTruthy();
    expect(operatorsOffered(row(1))).toEqual(
      expect.arrayContaining(["is", "contains", "starts with", "is any of", "is not set"]),
    );
    expect(operatorsOffered(row(1))).not.toContain("is greater than");
    expect(within(row(1)).getByLabelText("Value").getAttribute("type")).not.toBe("number");

    await pickField(user, row(1), "lead", "Lead score");
    expect(operatorsOffered(row(1))).toEqual(expect.arrayContaining(["is greater than", "is between"]));
    expect(operatorsOffered(row(1))).not.toContain("contains");
    expect(within(row(1)).getByRole("spinbutton", { name: "Value" })).toBeTruthy();
  });

  it("takes several text values as chips for “is any of”", async () => {
    const user = userEvent.setup();
    renderBuilder();
    await pickField(user, row(1), "country", "Country");
    await user.selectOptions(within(row(1)).getByRole("combobox", { name: "Operator" }), "is any of");

    const add = within(row(1)).getByRole("combobox", { name: "Add value" });
    await user.type(add, "DE{Enter}FR{Enter}de{Enter}");
    const chips = within(within(row(1)).getByRole("list", { name: "Values" })).getAllByRole("listitem");
    expect(chips.map((chip) => chip.textContent?.replace("×", "").trim())).toEqual(["DE", "FR"]);

    await user.click(within(row(1)).getByRole("button", { name: "Remove DE" }));
    expect(within(row(1)).queryByRole("button", { name: "Remove DE" })).toBeNull();
    expect(within(row(1)).getByRole("button", { name: "Remove FR" })).toBeTruthy();
  });

  it("asks a date field's “within the last” for a number of days", async () => {
    const user = userEvent.setup();
    renderBuilder();
    await pickField(user, row(1), "date added", "Date added");
    expect(operatorOf(row(1))).toBe("on");
    expect(within(row(1)).getByLabelText("Date").getAttribute("type")).toBe("date");

    await user.selectOptions(within(row(1)).getByRole("combobox", { name: "Operator" }), "is within the last");
    expect(within(row(1)).queryByLabelText("Date")).toBeNull();
    expect(within(row(1)).getByRole("spinbutton", { name: "Number of days" })).toBeTruthy();
    expect(within(row(1)).getByText("days")).toBeTruthy();
  });

  it("gives an event a time window, and a count for “happened at least”", async () => {
    const user = userEvent.setup();
    renderBuilder();
    await pickField(user, row(1), "opened", "Email opened");
    expect(operatorOf(row(1))).toBe("has_done");
    expect(within(row(1)).queryByRole("spinbutton", { name: "Number of times" })).toBeNull();

    const timeWindow = within(row(1)).getByRole("combobox", { name: "Time window" });
    expect(within(row(1)).queryByRole("spinbutton", { name: "Window days" })).toBeNull();
    await user.selectOptions(timeWindow, "in the last…");
    expect((within(row(1)).getByRole("spinbutton", { name: "Window days" }) as HTMLInputElement).value).toBe("30");

    await user.selectOptions(within(row(1)).getByRole("combobox", { name: "Operator" }), "happened at least");
    expect((within(row(1)).getByRole("spinbutton", { name: "Number of times" }) as HTMLInputElement).value).toBe("1");
    expect(within(row(1)).getByText("times")).toBeTruthy();
    // A click event carries a URL, an open does not.
    expect(within(row(1)).queryByRole("textbox", { name: "URL contains" })).toBeNull();
  });

  it("picks a field with the keyboard alone, and gives focus back to the picker", async () => {
    const user = userEvent.setup();
    renderBuilder();
    within(row(1)).getByRole("button", { name: "Field: none chosen" }).focus();
    await user.keyboard("{ArrowDown}");
    expect(within(row(1)).getByRole("combobox", { name: "Search fields" })).toBe(document.activeElement);

    await user.keyboard("score");
    // "Lead score" then "Engagement score": the second match is one arrow away.
    await user.keyboard("{ArrowDown}{Enter}");
    const picker = within(row(1)).getByRole("button", { name: "Field: Engagement score" });
    expect(picker).toBe(document.activeElement);
    expect(within(row(1)).queryByRole("listbox", { name: "Fields" })).toBeNull();

    await user.keyboard("{ArrowDown}{Escape}");
    expect(within(row(1)).queryByRole("listbox", { name: "Fields" })).toBeNull();
    expect(within(row(1)).getByRole("button", { name: "Field: Engagement score" })).toBe(document.activeElement);
  });

  it("offers a SELECT custom field's options as a choice", async () => {
    const user = userEvent.setup();
    renderBuilder();
    await pickField(user, row(1), "industry", "Industry");
    const value = within(row(1)).getByRole("combobox", { name: "Value" }) as HTMLSelectElement;
    expect([...value.options].map((o) => o.textContent)).toEqual(["Choose…", "SaaS", "Retail"]);
  });
});

describe("ConditionRow: issues", () => {
  it("shows the issue at the row's value next to it until the value is fixed", async () => {
    const user = userEvent.setup();
    renderBuilder();
    await pickField(user, row(1), "lead", "Lead score");

    const value = within(row(1)).getByRole("spinbutton", { name: "Value" });
    expect(within(row(1)).getByText("Value: expected a number")).toBeTruthy();
    expect(value.getAttribute("aria-invalid")).toBe("true");

    await user.type(value, "50");
    expect(within(row(1)).queryByText(/expected a number/)).toBeNull();
    expect(value.getAttribute("aria-invalid")).toBeNull();
  });

  it("shows an event window's issue as the time window's", async () => {
    const user = userEvent.setup();
    renderBuilder();
    await pickField(user, row(1), "opened", "Email opened");
    await user.selectOptions(within(row(1)).getByRole("combobox", { name: "Time window" }), "in the last…");
    await user.clear(within(row(1)).getByRole("spinbutton", { name: "Window days" }));

    expect(within(row(1)).getByText(/^Time window: /)).toBeTruthy();
    expect(within(row(1)).getByRole("combobox", { name: "Time window" }).getAttribute("aria-invalid")).toBe("true");
  });

  it("shows issues only on touched rows until a save attempt", async () => {
    const user = userEvent.setup();
    // Stored rules with two incomplete conditions: nobody touched them yet.
    renderBuilder({
      match: "all",
      groups: [
        {
          match: "all",
          conditions: [
            { field: "contact.leadScore", operator: "greater_than" },
            { field: "contact.country", operator: "in", value: [] },
          ],
        },
      ],
    });
    expect(within(row(1)).queryByText("Value: expected a number")).toBeNull();
    expect(within(row(2)).queryByText("Value: add at least one value")).toBeNull();

    // Working on the second row shows its issue, not the first row's.
    await user.selectOptions(within(row(2)).getByRole("combobox", { name: "Operator" }), "is none of");
    expect(within(row(2)).getByText("Value: add at least one value")).toBeTruthy();
    expect(within(row(1)).queryByText("Value: expected a number")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(within(row(1)).getByText("Value: expected a number")).toBeTruthy();
    expect(within(row(2)).getByText("Value: add at least one value")).toBeTruthy();
  });
});
