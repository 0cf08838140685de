import { describe, expect, test } from "vitest";
import { Slots, Turns, csvCell, csvDocument, csvExport, csvStream } from "./csv";

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
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("+1+cmd|' /C calc'!A0")).toBe("'+1+cmd|' /C calc'!A0");
    expect(csvCell("-2*3")).toBe("'-2*3");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe('"\'\rx"');
  });

  test("issue 15: NUL (or spaces) before = is still a formula; phone numbers and DNs stay intact, quoted", () => {
    expect(csvCell("\u0000=1+2")).toBe("'\u0000=1+2");
    expect(csvCell(" =1+2")).toBe("' =1+2");
    expect(csvCell("+4930123456")).toBe('"+4930123456"');
    expect(csvCell("0201")).toBe('"0201"');
    expect(csvCell("-1")).toBe("-1");
    expect(csvCell("2001")).toBe("2001");
  });

  test("issue 15: an optional UTF-8 byte order mark for Excel", async () => {
    expect(csvDocument(["a"], [["é"]], { bom: true })).toBe("\uFEFFa\r\né\r\n");
    expect(csvDocument(["a"], [])).toBe("a\r\n");
    async function* none() {}
    const bytes = new Uint8Array(await new Response(csvStream(["a"], none(), { bom: true })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  test("documents end every line with CRLF", () => {
    expect(csvDocument(["a", "b"], [["1", "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  test("streams a header and then each batch", async () => {
    async function* batches() {
      yield [["1", "a"]];
      yield [
        ["2", "b"],
        ["3", "=c"],
      ];
    }
    const text = await new Response(csvStream(["n", "v"], batches())).text();
    expect(text).toBe("n,v\r\n1,a\r\n2,b\r\n3,'=c\r\n");
  });

  test("an export reads window after window, each after the last row of the one before, until a short one", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ n: i + 1 }));
    const asked: [number | null, number][] = [];
    const window = async (after: { n: number } | undefined, take: number) => {
      asked.push([after?.n ?? null, take]);
      const from = after ? rows.findIndex((r) => r.n === after.n) + 1 : 0;
      return rows.slice(from, from + take);
    };
    // TextDecoder keeps the byte order mark that Response.text() would drop.
    const bytes = await new Response(
      csvExport({ header: ["n"], window, values: (r) => [r.n], bom: true, batchSize: 2 }),
    ).arrayBuffer();
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text).toBe("\uFEFFn\r\n1\r\n2\r\n3\r\n4\r\n5\r\n");
    expect(asked).toEqual([
      [null, 2],
      [2, 2],
      [4, 2],
    ]);
  });

  test("an export whose last window is full asks once more and then ends; an empty list is the header alone", async () => {
    const asked: (number | null)[] = [];
    const window = async (after: { n: number } | undefined) => {
      asked.push(after?.n ?? null);
      const from = after ? after.n + 1 : 0;
      return from < 4 ? [{ n: from }, { n: from + 1 }] : [];
    };
    const full = await new Response(csvExport({ header: ["n"], window, values: (r) => [r.n], batchSize: 2 })).text();
    expect(full).toBe("n\r\n0\r\n1\r\n2\r\n3\r\n");
    expect(asked).toEqual([null, 1, 3]);
    expect(await new Response(csvExport({ header: ["n"], window: async () => [], values: () => [] })).text()).toBe(
      "n\r\n",
    );
  });

  test("an export yields to the event loop between windows", async () => {
    const order: string[] = [];
    const window = async (after: { n: number } | undefined) => {
      order.push(`window ${after?.n ?? 0}`);
      // Work queued by other requests while this window was read.
      setImmediate(() => order.push(`other ${after?.n ?? 0}`));
      return (after?.n ?? 0) < 2 ? [{ n: (after?.n ?? 0) + 1 }] : [];
    };
    await new Response(csvExport({ header: ["n"], window, values: (r) => [r.n], batchSize: 1 })).text();
    expect(order.slice(0, 4)).toEqual(["window 0", "other 0", "window 1", "other 1"]);
  });
});

test("exports take turns: two exports' window reads never overlap, and both finish", async () => {
  let reading = 0;
  let overlapped = false;
  const log: string[] = [];
  const exportOf = (name: string) =>
    csvExport<number>({
      header: ["n"],
      batchSize: 2,
      window: async (after, take) => {
        reading++;
        if (reading > 1) overlapped = true;
        log.push(name);
        // Give the other export every chance to start a read meanwhile.
        await new Promise((resolve) => setImmediate(resolve));
        reading--;
        const start = (after ?? 0) + 1;
        return Array.from({ length: Math.max(0, Math.min(take, 6 - start + 1)) }, (_, i) => start + i);
      },
      values: (n) => [n],
    });
  const [a, b] = await Promise.all([new Response(exportOf("a")).text(), new Response(exportOf("b")).text()]);
  expect(a).toBe("n\r\n1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n");
  expect(b).toBe(a);
  expect(overlapped).toBe(false);
  // First come, first served: the two alternate rather than one running to the end first.
  expect(log.slice(0, 4)).toEqual(["a", "b", "a", "b"]);
});

test("export slots: the third waits until one of two is given back, in order of arrival; giving back twice frees one", async () => {
  const slots = new Slots(2);
  const first = await slots.acquire();
  const second = await slots.acquire();
  const order: string[] = [];
  const third = slots.acquire().then((release) => (order.push("third"), release));
  const fourth = slots.acquire().then((release) => (order.push("fourth"), release));
  await new Promise((resolve) => setImmediate(resolve));
  expect(order).toEqual([]);
  first();
  first();
  const thirdRelease = await third;
  await new Promise((resolve) => setImmediate(resolve));
  expect(order).toEqual(["third"]);
  second();
  (await fourth)();
  thirdRelease();
  // All given back: two can be held again at once.
  await slots.acquire();
  await slots.acquire();
});

test("turns rest after each turn for as long as the turn took, times the ratio; without a ratio, not at all", async () => {
  let now = 0;
  const events: string[] = [];
  const clock = {
    now: () => now,
    sleep: async (ms: number) => {
      events.push(`rest ${ms}`);
      now += ms;
    },
  };
  const work = (name: string, ms: number) => async () => {
    events.push(`start ${name} at ${now}`);
    now += ms;
    return name;
  };
  const turns = new Turns(1, clock);
  expect(await Promise.all([turns.take(work("a", 40)), turns.take(work("b", 10))])).toEqual(["a", "b"]);
  // b starts only after a's rest: together the turns use at most half of the time.
  expect(events).toEqual(["start a at 0", "rest 40", "start b at 80", "rest 10"]);

  events.length = 0;
  const eager = new Turns(0, clock);
  await eager.take(work("c", 40));
  expect(events).toEqual([`start c at ${now - 40}`]);
});
