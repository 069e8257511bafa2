import {describe, expect, it} from "vitest";
import {withArticle} from "../../src/components/format.js";

describe("withArticle", () => {
  it("writes 'an' before a vowel and before initials read with a vowel sound, 'a' otherwise", () => {
    expect(withArticle("Intel Gaudi 3")).toBe("an Intel Gaudi 3");
    expect(withArticle("AMD MI300X")).toBe("an AMD MI300X");
    expect(withArticle("NVIDIA H100 SXM5 80GB")).toBe("an NVIDIA H100 SXM5 80GB");
    expect(withArticle("H200")).toBe("an H200");
    expect(withArticle("Google TPU v4")).toBe("a Google TPU v4");
    expect(withArticle("TPU v5p")).toBe("a TPU v5p");
    expect(withArticle("Nebius node")).toBe("a Nebius node");
  });
});
