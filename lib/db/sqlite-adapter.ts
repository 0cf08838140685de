// The SQLite driver adapters: Prisma's own, in-process, with transactions that wait for the write
// lock (WaitingSQLite3), and the same with the connection in its own thread (ThreadedSQLite, issue
// #16). better-sqlite3 is synchronous: in the web server's event loop, a 50-100 ms list or overview
// query held every other request, so the event loop lagged by as much. ThreadedSQLite hands Prisma
// an adapter whose every call is a message to lib/db/sqlite-thread.mjs, which runs WaitingSQLite3's
// connection there.
import { existsSync } from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from "@prisma/driver-adapter-utils";
import { beginImmediately } from "./sqlite-begin.mjs";

const ADAPTER_NAME = "@prisma/adapter-better-sqlite3";

type Connected = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/** Prisma's better-sqlite3 adapter whose transactions begin with BEGIN IMMEDIATE (sqlite-begin.mjs). */
export class WaitingSQLite3 extends PrismaBetterSQLite3 {
  override async connect(): Promise<Connected> {
    const adapter = await super.connect();
    beginImmediately(adapter);
    return adapter;
  }
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ThreadError };
type ThreadError = { driver?: ConstructorParameters<typeof DriverAdapterError>[0]; message: string; code?: string };
type Call = { op: string; tx?: number; query?: SqlQuery; script?: string; isolationLevel?: IsolationLevel };

/**
 * Where the thread's script is. Loaded by path from the project's root (every entry point, from
 * `npm start` to the CLI and the tests, runs there), because the bundled server has no file of its
 * own to resolve it against.
 */
function sqliteThreadScript(): string {
  const script = path.join(process.cwd(), "lib/db/sqlite-thread.mjs");
  if (!existsSync(script)) throw new Error(`Linewatch must run from its project folder: ${script} is missing`);
  return script;
}

/** One SQLite connection in a worker thread, and the calls waiting for its answers. */
class SqliteThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private failure: Error | undefined;
  readonly ready: Promise<void>;

  constructor(url: string, timeout: number) {
    // No execArgv: the thread is plain JavaScript, and flags such as --input-type (a `node -e`
    // script) are refused in a worker. The constructor comes from getBuiltinModule: Next.js's
    // bundler rewrites `new Worker(...)` of an imported Worker into a chunk of its own, which then
    // fails to load by this path at run time.
    const { Worker } = process.getBuiltinModule("node:worker_threads");
    this.worker = new Worker(sqliteThreadScript(), { workerData: { url, timeout }, execArgv: [] });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once("message", () => {
        // An idle connection does not keep the process alive; a call in flight does (see call()).
        if (this.waiting.size === 0) this.worker.unref();
        resolve();
      });
      this.worker.once("error", reject);
    });
    this.worker.on("message", (reply: Reply | { ready: true }) => this.answer(reply));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`the SQLite thread stopped (exit code ${code})`)));
  }

  call<T>(message: Call): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, ...message });
    });
  }

  async close(): Promise<void> {
    if (!this.failure) await this.call({ op: "close" }).catch(() => undefined);
    this.failure ??= new Error("the SQLite connection is closed");
    await this.worker.terminate();
  }

  private answer(reply: Reply | { ready: true }): void {
    if (!("id" in reply)) return;
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(rebuild(reply.error));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
  }
}

/** A driver error becomes Prisma's own again, so P2002 and friends come out as before. */
function rebuild(error: ThreadError): Error {
  if (error.driver) return new DriverAdapterError(error.driver);
  return Object.assign(new Error(error.message), error.code ? { code: error.code } : {});
}

class ThreadQueryable {
  readonly provider = "sqlite" as const;
  readonly adapterName = ADAPTER_NAME;
  constructor(
    protected readonly thread: SqliteThread,
    protected readonly tx?: number,
  ) {}
  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.thread.call({ op: "query", tx: this.tx, query });
  }
  executeRaw(query: SqlQuery): Promise<number> {
    return this.thread.call({ op: "execute", tx: this.tx, query });
  }
}

class ThreadTransaction extends ThreadQueryable implements Transaction {
  constructor(
    thread: SqliteThread,
    tx: number,
    readonly options: TransactionOptions,
  ) {
    super(thread, tx);
  }
  commit(): Promise<void> {
    return this.thread.call({ op: "commit", tx: this.tx });
  }
  rollback(): Promise<void> {
    return this.thread.call({ op: "rollback", tx: this.tx });
  }
}

class ThreadAdapter extends ThreadQueryable implements SqlDriverAdapter {
  executeScript(script: string): Promise<void> {
    return this.thread.call({ op: "script", script });
  }
  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const opened = await this.thread.call<{ tx: number; options: TransactionOptions }>({ op: "begin", isolationLevel });
    return new ThreadTransaction(this.thread, opened.tx, opened.options);
  }
  dispose(): Promise<void> {
    return this.thread.close();
  }
}

/** Prisma's adapter factory for SQLite: `url` as in DATABASE_URL, `timeout` the busy timeout in ms. */
export class ThreadedSQLite implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName = ADAPTER_NAME;
  constructor(private readonly config: { url: string; timeout: number }) {}

  async connect(): Promise<SqlDriverAdapter> {
    const thread = new SqliteThread(this.config.url, this.config.timeout);
    await thread.ready;
    return new ThreadAdapter(thread);
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return new ThreadedSQLite({ ...this.config, url: ":memory:" }).connect();
  }
}
