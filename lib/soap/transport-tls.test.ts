import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { get } from "node:https";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAgents } from "./agents";
import { TransportError } from "./errors";
import { postXml } from "./transport";

let directory = "";
let certificate = "";
let server: Server;
let url = "";

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "linewatch-tls-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      join(directory, "key.pem"),
      "-out",
      join(directory, "cert.pem"),
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ],
    { stdio: "ignore" },
  );
  certificate = readFileSync(join(directory, "cert.pem"), "utf8");
  server = createServer({ key: readFileSync(join(directory, "key.pem")), cert: certificate }, (request, response) => {
    request.resume();
    request.on("end", () => response.end("<ok/>"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/ios_xml_app/cme`;
});

afterAll(async () => {
  await closeAgents();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
});

describe("postXml TLS trust per source", () => {
  it("refuses a self-signed certificate with system trust", async () => {
    const error = await postXml({ url, body: "<a/>", tls: { mode: "system" }, timeoutMs: 5_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toContain("TLS certificate not trusted");
    expect((error as TransportError).code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
  });

  it("accepts the certificate when it is pasted as PEM", async () => {
    const reply = await postXml({ url, body: "<a/>", tls: { mode: "pem", pem: certificate }, timeoutMs: 5_000 });
    expect(reply.body).toBe("<ok/>");
  });

  it("accepts anything in insecure mode", async () => {
    const reply = await postXml({ url, body: "<a/>", tls: { mode: "insecure" }, timeoutMs: 5_000 });
    expect(reply.body).toBe("<ok/>");
  });

  it("leaves process-wide verification on afterwards", async () => {
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
    const plainHttps = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const request = get(url, (response) => {
        response.resume();
        resolve(undefined);
      });
      request.on("error", (error: NodeJS.ErrnoException) => resolve(error));
    });
    expect(plainHttps?.code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    const viaFetch = await fetch(url, { method: "POST", body: "<a/>" }).catch((e: unknown) => e);
    expect(viaFetch).toBeInstanceOf(Error);
  });
});
