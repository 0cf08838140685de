// The markup Playwright and keyboard users rely on: labelled checkboxes, table headers, and the
// router's answers in words.
import { describe, expect, test } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { ChangeResult, SaveResult, answerWords } from "./change-result";
import { KeyPhoneTable } from "./key-phone-table";

const phone = {
  name: "SEP0012DA8AC43D",
  model: "7965",
  description: "",
  userName: "peter",
  primaryDn: "0800",
  registrationStatus: "registered",
  keyPhone: true,
};

describe("key-phone markup", () => {
  test("one labelled checkbox per phone, plus select-all, and the flag in words", () => {
    const html = renderToStaticMarkup(
      <KeyPhoneTable
        phones={[phone, { ...phone, name: "SEP000DEDAB3566", keyPhone: false }]}
        selected={new Set(["SEP0012DA8AC43D"])}
        onToggle={() => {}}
        onToggleAll={() => {}}
        disabled={false}
      />,
    );
    expect(html).toContain('aria-label="Key phone SEP0012DA8AC43D"');
    expect(html).toContain('aria-label="Key phone SEP000DEDAB3566"');
    expect(html).toContain('aria-label="Select all shown phones"');
    expect(html).toContain("<th>Key-phone flag</th>");
    expect(html).toContain("not a key phone");
  });

  test("the router's answers per phone in order, and read-back flags after an unknown outcome", () => {
    const done = renderToStaticMarkup(
      <ChangeResult
        change={{
          action: "set",
          outcome: "partial",
          message: "m",
          results: [
            { phone: "SEP0012DA8AC43D", ok: true },
            { phone: "SEP000000000000", ok: false },
          ],
          readBack: null,
        }}
      />,
    );
    const text = done.replace(/<[^>]+>/g, "");
    expect(text).toContain("SEP0012DA8AC43D Set as key phone: done (the router answered true)");
    expect(text).toContain("SEP000000000000 Set as key phone: refused (the router answered false)");
    expect(text.indexOf("SEP0012DA8AC43D")).toBeLessThan(text.indexOf("SEP000000000000"));
    expect(done).toContain("Partly done");
    expect(answerWords("unset", true)).toBe("Unset as key phone: done");
    const unknown = renderToStaticMarkup(
      <ChangeResult
        change={{
          action: "set",
          outcome: "unknown",
          message: "m",
          results: [],
          readBack: [{ phone: "SEP0012DA8AC43D", keyPhone: null }],
        }}
      />,
    );
    expect(unknown).toContain("Outcome unknown");
    expect(unknown).toContain("the router does not know this phone");
    expect(
      renderToStaticMarkup(<SaveResult save={{ result: "delayed", outcome: "success", message: "later" }} />),
    ).toContain("Save delayed");
  });
});
