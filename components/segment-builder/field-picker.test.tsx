import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { FieldOptionGroup } from "./field-options";
import { FieldPicker } from "./field-picker";

const GROUPS: FieldOptionGroup[] = [
  {
    label: "Contact",
    options: [
      { id: "contact.email", field: "contact.email", label: "Email", hint: "text" },
      { id: "contact.leadScore", field: "contact.leadScore", label: "Lead score", hint: "number" },
    ],
  },
  { label: "Custom fields", options: [{ id: "custom.plan", field: "custom.plan", label: "Plan", hint: "plan" }] },
  { label: "Behaviour", options: [{ id: "event.email_opened", field: "event", label: "Email opened", hint: "event" }] },
  {
    label: "Segments",
    options: [{ id: "segment.s1", field: "segment", label: "In segment VIP", hint: "segment", segmentId: "s1" }],
  },
];

function renderPicker() {
  const onPick = vi.fn();
  render(<FieldPicker groups={GROUPS} valueLabel="" onPick={onPick} />);
  return { onPick, trigger: screen.getByRole("button", { name: "Field: none chosen" }) };
}

describe("FieldPicker", () => {
  it("lists the options under their named groups, and narrows them as the user types", async () => {
    const user = userEvent.setup();
    const { trigger } = renderPicker();
    expect(trigger.getAttribute("aria-expanded")).toBe("false");
    await user.click(trigger);
    expect(trigger.getAttribute("aria-expanded")).toBe("true");
    const list = screen.getByRole("listbox", { name: "Fields" });
    const groups = within(list).getAllByRole("group");
    expect(groups.map((g) => g.textContent)).toHaveLength(4);
    for (const name of ["Contact", "Custom fields", "Behaviour", "Segments"])
      expect(within(list).getByRole("group", { name })).toBeTruthy();
    expect(within(within(list).getByRole("group", { name: "Contact" })).getAllByRole("option")).toHaveLength(2);

    await user.type(screen.getByRole("combobox", { name: "Search fields" }), "email");
    expect(
      within(list)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Emailtext", "Email openedevent"]);
    expect(within(list).queryByRole("group", { name: "Segments" })).toBeNull();

    await user.type(screen.getByRole("combobox", { name: "Search fields" }), "zzz");
    expect(within(list).queryAllByRole("option")).toHaveLength(0);
    expect(screen.getByText("No field matches.")).toBeTruthy();
  });

  it("picks with a click, closes, and starts the next search afresh", async () => {
    const user = userEvent.setup();
    const { onPick, trigger } = renderPicker();
    await user.click(trigger);
    await user.type(screen.getByRole("combobox", { name: "Search fields" }), "vip");
    await user.click(screen.getByRole("option", { name: /^In segment VIP/ }));
    expect(onPick).toHaveBeenCalledWith(GROUPS[3]!.options[0]);
    expect(screen.queryByRole("listbox", { name: "Fields" })).toBeNull();
    expect(document.activeElement).toBe(trigger);

    await user.click(trigger);
    expect((screen.getByRole("combobox", { name: "Search fields" }) as HTMLInputElement).value).toBe("");
    expect(screen.getAllByRole("option")).toHaveLength(5);
  });

  it("highlights the first match and moves with the arrows, the search box pointing at it", async () => {
    const user = userEvent.setup();
    const { onPick, trigger } = renderPicker();
    trigger.focus();
    await user.keyboard("{ArrowDown}");
    const search = screen.getByRole("combobox", { name: "Search fields" });
    expect(document.activeElement).toBe(search);
    const highlighted = () => screen.getAllByRole("option", { selected: true }).map((o) => o.textContent);
    expect(highlighted()).toEqual(["Emailtext"]);
    await user.keyboard("{ArrowDown}{ArrowDown}");
    // Arrows cross group boundaries: from Contact into Custom fields.
    expect(highlighted()).toEqual(["Planplan"]);
    const active = document.getElementById(search.getAttribute("aria-activedescendant") ?? "");
    expect(active?.textContent).toBe("Planplan");
    await user.keyboard("{ArrowUp}{Enter}");
    expect(onPick).toHaveBeenCalledWith(GROUPS[0]!.options[1]);
  });

  it("closes on Escape without picking, focus back on the button", async () => {
    const user = userEvent.setup();
    const { onPick, trigger } = renderPicker();
    await user.click(trigger);
    await user.keyboard("lead{Escape}");
    expect(screen.queryByRole("listbox", { name: "Fields" })).toBeNull();
    expect(document.activeElement).toBe(trigger);
    expect(onPick).not.toHaveBeenCalled();
  });

  it("marks the button invalid when the condition has no valid field", () => {
    render(<FieldPicker groups={GROUPS} valueLabel="" invalid onPick={() => undefined} />);
    expect(screen.getByRole("button", { name: "Field: none chosen" }).getAttribute("aria-invalid")).toBe("true");
  });
});
