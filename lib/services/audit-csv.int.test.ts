// The audit export goes through the shared CSV writer too: same header, CRLF lines, formula guard.
import { afterAll, beforeAll, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { recordAuditAlone } from "@/lib/db/audit";
import { GET as listAudit } from "@/app/api/v1/audit/route";

let database: TestDatabase;
let token: string;

beforeAll(async () => {
  database = await startTestDatabase();
  token = (await createToken({ name: "admin", role: "admin" }, { actor: "test" })).token;
  await recordAuditAlone(
    { actor: "test" },
    { action: "phone.note", target: '=HYPERLINK("http://evil")', detail: { note: "a, b" }, outcome: "success" },
  );
});
afterAll(async () => database?.stop());

test("GET /audit?format=csv writes the header, every row and guards formulas", async () => {
  const response = await listAudit(
    new NextRequest("http://127.0.0.1/api/v1/audit?format=csv", { headers: { authorization: `Bearer ${token}` } }),
    { params: Promise.resolve({}) },
  );
  expect(response.status).toBe(200);
  const text = await response.text();
  const lines = text.split("\r\n");
  expect(lines[0]).toBe("at,actor,action,target,outcome,detail,requestId,ip");
  expect(lines.at(-1)).toBe("");
  expect(lines).toHaveLength(4); // header, token.create, phone.note, final CRLF
  expect(text).toContain(`,"'=HYPERLINK(""http://evil"")",success,"{""note"":""a, b""}",,`);
});
