import { describe, expect, it } from "vitest";
import { choiceLabel } from "./choice-label";

describe("choiceLabel", () => {
  it("turns an enum constant into a sentence-case label", () => {
    expect(choiceLabel("VERY_LIKELY")).toBe("Very likely");
    expect(choiceLabel("MOBILE")).toBe("Mobile");
  });

  it("leaves other values (SELECT options typed by people) as they are", () => {
    expect(choiceLabel("Gold tier")).toBe("Gold tier");
    expect(choiceLabel("eu_west")).toBe("eu_west");
  });
});
