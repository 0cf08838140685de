import { expect, test } from "vitest";
import { maskSecrets } from "./mask";

test("secret-looking fields are masked at any depth; key-phone flags and plain fields are not", () => {
  expect(
    maskSecrets({
      password: "x",
      newPassword: "y",
      apiKey: "k",
      privateKey: "p",
      authorization: "Basic z",
      sessionToken: "t",
      keyPhone: true,
      phone: "SEP1",
      nested: [{ secret: "s", name: "n" }],
    }),
  ).toEqual({
    password: "***",
    newPassword: "***",
    apiKey: "***",
    privateKey: "***",
    authorization: "***",
    sessionToken: "***",
    keyPhone: true,
    phone: "SEP1",
    nested: [{ secret: "***", name: "n" }],
  });
});
