import { describe, expect, test } from "vitest";
import { type AndFilter, EqualityFilter, ExtensibleFilter, FilterParser } from "ldapts";
import { checkUserFilterTemplate, escapeFilterValue, inChainGroupFilter, userSearchFilter } from "./ldap-filter";

describe("RFC 4515 escaping", () => {
  test("the five special characters become \\XX; everything else stays", () => {
    expect(escapeFilterValue("a*b(c)d\\e\0f")).toBe("a\\2ab\\28c\\29d\\5ce\\00f");
    expect(escapeFilterValue("jörg.o'neil@example.com")).toBe("jörg.o'neil@example.com");
  });

  test("a user name cannot add terms to the filter", () => {
    const filter = userSearchFilter("(&(objectClass=user)(sAMAccountName={user}))", "*)(objectClass=*");
    expect(filter).toBe("(&(objectClass=user)(sAMAccountName=\\2a\\29\\28objectClass=\\2a))");
    // Parsed, it is still one equality test on sAMAccountName with a literal value.
    const parsed = FilterParser.parseString(filter) as AndFilter;
    expect(parsed.filters).toHaveLength(2);
    expect(parsed.filters[1]).toBeInstanceOf(EqualityFilter);
    expect(parsed.filters[1]).toMatchObject({ attribute: "sAMAccountName", value: "*)(objectClass=*" });
  });

  test("every {user} is replaced", () => {
    expect(userSearchFilter("(|(uid={user})(mail={user}))", "a*")).toBe("(|(uid=a\\2a)(mail=a\\2a))");
  });

  test("templates must hold {user} and be one filter", () => {
    expect(checkUserFilterTemplate("(uid={user})")).toBeNull();
    expect(checkUserFilterTemplate("(uid=jo)")).toMatch(/\{user\}/);
    expect(checkUserFilterTemplate("uid={user}")).toMatch(/parentheses/);
  });
});

describe("Active Directory nested groups (LDAP_MATCHING_RULE_IN_CHAIN)", () => {
  test("the filter names the in-chain rule on member with the user's DN escaped", () => {
    const dn = "CN=Smith\\, John (IT),OU=People,DC=example,DC=com";
    const filter = inChainGroupFilter(dn);
    expect(filter).toBe(
      "(&(objectClass=group)(member:1.2.840.113556.1.4.1941:=CN=Smith\\5c, John \\28IT\\29,OU=People,DC=example,DC=com))",
    );
    const parsed = FilterParser.parseString(filter) as AndFilter;
    const chain = parsed.filters[1] as ExtensibleFilter;
    expect(chain).toBeInstanceOf(ExtensibleFilter);
    expect(chain.matchType).toBe("member");
    expect(chain.rule).toBe("1.2.840.113556.1.4.1941");
    expect(chain.value).toBe(dn);
  });
});
