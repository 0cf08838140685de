// A generated secret shown in groups keeps exactly its characters: the groups are spans spaced by
// margins, so the text a person selects or a test reads is the secret itself.
import { describe, expect, test } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { SecretReveal, groupsOf } from "./secret-reveal";

describe("secret reveal", () => {
  test("groups of four, the last shorter, and no characters added", () => {
    expect(groupsOf("abcd2345efgh6789", 4)).toEqual(["abcd", "2345", "efgh", "6789"]);
    expect(groupsOf("abcd23", 4)).toEqual(["abcd", "23"]);
    const html = renderToStaticMarkup(
      <SecretReveal label="New password" value="abcd2345efgh6789" groupBy={4} onDone={() => {}} />,
    );
    const output = html.match(/<output[^>]*>(.*?)<\/output>/)?.[1] ?? "";
    expect(output.match(/<span[^>]*>[^<]*<\/span>/g)).toHaveLength(4);
    expect(output.replace(/<[^>]+>/g, "")).toBe("abcd2345efgh6789");
    expect(html).toContain("type it without spaces");
  });

  test("without groupBy the value is shown as one run", () => {
    const html = renderToStaticMarkup(<SecretReveal label="Token" value="lw_abc" onDone={() => {}} />);
    expect(html).toMatch(/<output[^>]*>lw_abc<\/output>/);
    expect(html).not.toContain("without spaces");
  });
});
