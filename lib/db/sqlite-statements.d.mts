/** See sqlite-statements.mjs: prepared statements kept per connection. */
export function keepStatements(connected: unknown): void;
