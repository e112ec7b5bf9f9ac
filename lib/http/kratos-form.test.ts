import { describe, expect, it } from "vitest";
import { coalesce, firstValue, goCookie, normalizeIdentifier, parseKratosForm } from "./kratos-form";

const form = (body: string) => parseKratosForm(body)!;
const text = (value: Buffer) => value.toString("utf8");

describe("parseKratosForm", () => {
  it("takes a field's first value, as decoderx does for a string", () => {
    expect(text(firstValue(form("identifier=a%40x.test&identifier=b"), "identifier"))).toBe("a@x.test");
    expect(text(firstValue(form("a+b=c+d%2B"), "a b"))).toBe("c d+");
    expect(firstValue(form("x=1"), "identifier").length).toBe(0);
  });

  it("refuses what Go's url.ParseQuery refuses, since Kratos then checks nothing", () => {
    expect(parseKratosForm("identifier=a;password=b")).toBeUndefined();
    expect(parseKratosForm("identifier=%zz")).toBeUndefined();
    expect(parseKratosForm("identifier=%4")).toBeUndefined();
  });

  it("coalesces identifier and the legacy password_identifier as Kratos's password login does", () => {
    expect(text(coalesce(form("identifier=&password_identifier=Ada"), "identifier", "password_identifier"))).toBe(
      "Ada",
    );
    expect(text(coalesce(form("identifier=%20&password_identifier=Ada"), "identifier", "password_identifier"))).toBe(
      " ",
    );
  });
});

describe("normalizeIdentifier", () => {
  const normalize = (value: string) => normalizeIdentifier(Buffer.from(value, "utf8"));

  it("trims Go's spaces: U+0085 is one, U+FEFF is not", () => {
    expect(normalize("\u0085 ada@x.test\u3000\t")).toBe("ada@x.test");
    expect(normalize("\ufeffada@x.test")).toBe("\ufeffada@x.test");
  });

  it("lowers case rune by rune as Go does (İ becomes i, not i + dot)", () => {
    expect(normalize("İda@X.TEST")).toBe("ida@x.test");
    expect(normalize("ΣΑΣ")).toBe("σασ");
    // Unicode 16 capitals: Node lowers them, Go 1.26 (Unicode 15) does not.
    expect(normalize("\u{10d50}\ua7cb")).toBe("\u{10d50}\ua7cb");
  });

  it("turns each invalid UTF-8 byte into one U+FFFD, as Go's strings.Map does", () => {
    expect(normalizeIdentifier(Buffer.from([0x41, 0xe2, 0x82, 0xff]))).toBe("a\ufffd\ufffd\ufffd");
  });
});

describe("goCookie", () => {
  it("takes the first cookie of the name whose value Go accepts, unquoted", () => {
    expect(goCookie('a=1; ory_kratos_session="abc"; b=2', "ory_kratos_session")).toBe("abc");
    expect(goCookie("ory_kratos_session=ba\\d; ory_kratos_session=good", "ory_kratos_session")).toBe("good");
    expect(goCookie("xory_kratos_session=1", "ory_kratos_session")).toBeUndefined();
  });
});
