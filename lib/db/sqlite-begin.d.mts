/** See sqlite-begin.mjs: transactions that wait for SQLite's write lock (BEGIN IMMEDIATE). */
export function beginImmediately(connected: unknown): void;
