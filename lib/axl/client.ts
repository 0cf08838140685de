// The AXL client of one cluster's publisher. It learns the cluster's schema version once
// (getCCMVersion) and speaks it from then on; it sends one request at a time (AXL is the
// publisher's database, shared with the admin pages); large reads are paged and shrink their pages
// when the cluster says a page is too large.
import { ProtocolError } from "@/lib/soap/errors";
import { interpretSoapReply } from "@/lib/soap/reply";
import { postXml, type PostXmlOptions, type TlsTrust, type XmlReply } from "@/lib/soap/transport";
import type { XmlContent } from "@/lib/soap/escape";
import { element } from "@/lib/soap/escape";
import { AxlTooLarge, AxlVersionUnsupported } from "./errors";
import {
  axlEnvelope,
  doDeviceResetBody,
  listPhoneBody,
  soapActionOf,
  type AxlOperation,
  type PhoneSearch,
  type ResetKind,
} from "./requests";
import {
  readPhones,
  readResetAccepted,
  readRows,
  readVersion,
  schemaVersionOf,
  throwIfAxlFault,
  type ListedPhone,
  type SqlRow,
} from "./replies";
import { configuredDevicesSql } from "./sql";
import { mergeDeviceRows, type ConfiguredDevice } from "./configured";

export interface AxlClientOptions {
  /** The publisher's AXL URL, e.g. https://cucm-pub:8443/axl/ */
  url: string;
  username: string;
  password: string;
  tls?: TlsTrust;
  timeoutMs?: number;
  /** The schema version to start with before the cluster's own is known (default 11.5, the oldest in support). */
  firstVersion?: string;
  /** Rows or phones per page (default 1000); a "too large" fault brings it down to what the cluster suggests. */
  pageSize?: number;
  maxReplyBytes?: number;
  /** The transport; tests may pass a fake. */
  post?: (options: PostXmlOptions) => Promise<XmlReply>;
}

export interface AxlClient {
  /** The cluster's release ("14.0.1.11900(132)"), asked once. */
  version(signal?: AbortSignal): Promise<string>;
  listPhones(search: PhoneSearch, signal?: AbortSignal): Promise<ListedPhone[]>;
  /** Every configured device with its lines, device pool, location and owner: one query, paged. */
  configuredDevices(signal?: AbortSignal): Promise<ConfiguredDevice[]>;
  resetDevice(name: string, kind: ResetKind, signal?: AbortSignal): Promise<boolean>;
  /** Requests sent, for the figures and tests. */
  requests(): number;
}

const DEFAULT_FIRST_VERSION = "11.5";
/** More rows than any cluster has devices and lines (Cisco's largest clusters hold about 80,000 devices). */
const MAX_ROWS = 1_000_000;
const SUPPORTED = /supported axl versions are\s*([\d.,\s]+)/i;

/** A status and body into a parsed document, or the typed error they stand for (599: AXL's own). */
function interpret(reply: XmlReply, requested: string) {
  if (reply.status === 599) {
    const listed = SUPPORTED.exec(reply.body)?.[1] ?? "";
    const versions = listed
      .split(/[,\s]+/)
      .map((v) => v.replace(/\.$/, ""))
      .filter((v) => /^\d+\.\d+$/.test(v));
    throw new AxlVersionUnsupported(requested, versions);
  }
  return interpretSoapReply(reply, "AXL", throwIfAxlFault);
}

/** The highest version the cluster listed, or undefined when it listed none. */
const highest = (versions: readonly string[]) =>
  [...versions]
    .sort((a, b) => {
      const [am, an] = a.split(".").map(Number);
      const [bm, bn] = b.split(".").map(Number);
      return am! - bm! || an! - bn!;
    })
    .at(-1);

export function createAxlClient(options: AxlClientOptions): AxlClient {
  const post = options.post ?? postXml;
  let pageSize = options.pageSize ?? 1000;
  let schema: string = options.firstVersion ?? DEFAULT_FIRST_VERSION;
  let release: Promise<string> | undefined;
  let sent = 0;
  // One request at a time: each waits for the one before it, whatever its outcome.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const sendAs = async (version: string, operation: AxlOperation, children: XmlContent, signal?: AbortSignal) => {
    sent++;
    const reply = await post({
      url: options.url,
      body: axlEnvelope(version, operation, children),
      username: options.username,
      password: options.password,
      tls: options.tls,
      soapAction: soapActionOf(version, operation),
      contentType: "text/xml; charset=utf-8",
      timeoutMs: options.timeoutMs ?? 60_000,
      maxReplyBytes: options.maxReplyBytes ?? 32 * 1024 * 1024,
      signal,
    });
    return interpret(reply, version);
  };

  /** Asks with the version in use; a 599 that lists others retries once with the highest listed. */
  const ask = async (operation: AxlOperation, children: XmlContent, signal?: AbortSignal) => {
    try {
      return await sendAs(schema, operation, children, signal);
    } catch (error) {
      const fallback = error instanceof AxlVersionUnsupported ? highest(error.supported) : undefined;
      if (!fallback || fallback === schema) throw error;
      schema = fallback;
      return sendAs(schema, operation, children, signal);
    }
  };

  const version = (signal?: AbortSignal): Promise<string> => {
    release ??= serial(async () => {
      const found = readVersion(await ask("getCCMVersion", [], signal));
      // The cluster's own schema from now on, when it names one.
      schema = schemaVersionOf(found) ?? schema;
      return found;
    }).catch((error) => {
      release = undefined;
      throw error;
    });
    return release;
  };

  /** Pages through a read; a page the cluster finds too large is asked again smaller. */
  async function paged<T>(read: (skip: number, first: number) => Promise<T[]>): Promise<T[]> {
    const all: T[] = [];
    for (let skip = 0; ; ) {
      let rows: T[];
      const first = pageSize;
      try {
        rows = await read(skip, first);
      } catch (error) {
        if (!(error instanceof AxlTooLarge)) throw error;
        const smaller = Math.min(first - 1, (error.suggestedRows ?? Math.floor(first / 2)) - 1);
        if (smaller < 1) throw error;
        pageSize = smaller;
        continue;
      }
      all.push(...rows);
      if (rows.length < first) return all;
      // A cluster that ignored skip would answer full pages for ever: no cluster has this many.
      if (all.length >= MAX_ROWS)
        throw new ProtocolError("too-large", `AXL read passed ${MAX_ROWS} rows without ending`);
      skip += rows.length;
    }
  }

  return {
    version,
    async listPhones(search, signal) {
      await version(signal);
      return paged((skip, first) =>
        serial(async () => readPhones(await ask("listPhone", listPhoneBody(search, skip, first), signal))),
      );
    },
    async configuredDevices(signal) {
      await version(signal);
      const rows: SqlRow[] = await paged((skip, first) =>
        serial(async () =>
          readRows(await ask("executeSQLQuery", element("sql", configuredDevicesSql(skip, first)), signal)),
        ),
      );
      return mergeDeviceRows(rows);
    },
    async resetDevice(name, kind, signal) {
      await version(signal);
      return serial(async () => readResetAccepted(await ask("doDeviceReset", doDeviceResetBody(name, kind), signal)));
    },
    requests: () => sent,
  };
}
