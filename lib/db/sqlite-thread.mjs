// The SQLite connection's own thread (issue #16). better-sqlite3 runs every query synchronously:
// on the web server's event loop a 50-100 ms list or overview query held every other request. Here
// Prisma's own SQLite adapter runs in a worker thread; lib/db/sqlite-adapter.ts forwards each
// adapter call to it and gets the result set back. Plain JavaScript, loaded by path, so Next.js's
// bundler leaves it alone.
import { parentPort, workerData } from "node:worker_threads";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { beginImmediately } from "./sqlite-begin.mjs";

/** @typedef {{ id: number, op: string, tx?: number, query?: unknown, script?: string, isolationLevel?: string }} Request */

const adapter = await new PrismaBetterSQLite3({ url: workerData.url, timeout: workerData.timeout }).connect();
beginImmediately(adapter);

/** Open transactions by their number, so the calls inside one reach the same Prisma transaction. */
const transactions = new Map();
let nextTransaction = 1;

/** @param {Request} request */
async function perform(request) {
  const target = request.tx === undefined ? adapter : transactions.get(request.tx);
  if (!target) throw new Error(`SQLite transaction ${request.tx} is not open`);
  switch (request.op) {
    case "query":
      return target.queryRaw(request.query);
    case "execute":
      return target.executeRaw(request.query);
    case "script":
      return adapter.executeScript(request.script);
    case "begin": {
      const transaction = await adapter.startTransaction(request.isolationLevel);
      const number = nextTransaction++;
      transactions.set(number, transaction);
      return { tx: number, options: transaction.options };
    }
    case "commit":
    case "rollback":
      transactions.delete(request.tx);
      return request.op === "commit" ? target.commit() : target.rollback();
    case "close":
      return adapter.dispose();
    default:
      throw new Error(`unknown SQLite thread operation ${request.op}`);
  }
}

/** Errors cross the thread as plain data; a driver error keeps its Prisma cause (kind, code). */
function describe(error) {
  if (error && error.name === "DriverAdapterError" && typeof error.cause === "object") {
    return { driver: error.cause, message: error.message };
  }
  return { message: error instanceof Error ? error.message : String(error), code: error?.code };
}

// Each request is handled as it comes, not one after another: a transaction waiting for the
// adapter's mutex must not hold the queries of the transaction that holds it.
parentPort.on("message", (/** @type {Request} */ request) => {
  perform(request).then(
    (value) => parentPort.postMessage({ id: request.id, ok: true, value }),
    (error) => parentPort.postMessage({ id: request.id, ok: false, error: describe(error) }),
  );
});
parentPort.postMessage({ ready: true });
