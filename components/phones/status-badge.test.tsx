// A status Linewatch worked out (a CME SIP phone has no status of its own) reads as such.
import { expect, test } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { RegistrationBadge } from "./status-badge";

test("a derived status says how it was worked out; a reported one reads as before", () => {
  expect(renderToStaticMarkup(<RegistrationBadge status="registered" workedOut="from its address" />)).toContain(
    ">Registered, from its address<",
  );
  expect(renderToStaticMarkup(<RegistrationBadge status="unregistered" workedOut="no address" />)).toContain(
    ">Unregistered, no address<",
  );
  expect(renderToStaticMarkup(<RegistrationBadge status="registered" />)).toContain(">Registered<");
  expect(renderToStaticMarkup(<RegistrationBadge status="in-fallback" router="leeds-srst" />)).toContain(
    ">In fallback on leeds-srst<",
  );
});
