import { describe, expect, test } from "vitest";
import { csvCell, csvDocument, csvStream } from "./csv";

describe("CSV writer", () => {
  test("quotes commas, quotes and line breaks", () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(false)).toBe("false");
    expect(csvCell(new Date("2024-01-02T03:04:05Z"))).toBe("2024-01-02T03:04:05.000Z");
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  test("guards against spreadsheet formulas", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvCell("+4930123456")).toBe("'+4930123456");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
  });

  test("documents end every line with CRLF", () => {
    expect(csvDocument(["a", "b"], [["1", "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  test("streams a header and then each batch", async () => {
    async function* batches() {
      yield [["1", "a"]];
      yield [["2", "b"], ["3", "=c"]];
    }
    const text = await new Response(csvStream(["n", "v"], batches())).text();
    expect(text).toBe("n,v\r\n1,a\r\n2,b\r\n3,'=c\r\n");
  });
});
