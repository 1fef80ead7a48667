import { describe, expect, it } from "vitest";
import { collectIssues, ValidationError } from "../src/errors.js";

describe("ValidationError and collectIssues: the first 100 issues, and how many in all", () => {
  const issue = (n: number) => ({ path: `items[${n}]`, keyword: "type", message: "must be a string" });
  const thrown = (f: () => void): ValidationError => {
    try {
      f();
    } catch (e) {
      if (e instanceof ValidationError) return e;
      throw e;
    }
    throw new Error("nothing thrown");
  };

  it("a short list is kept whole, its message unchanged, totalIssues its length", () => {
    const err = new ValidationError([issue(0), issue(1)], "ctx");
    expect(err.issues).toEqual([issue(0), issue(1)]);
    expect(err.totalIssues).toBe(2);
    expect(err.message).toBe("ctx: items[0] must be a string; items[1] must be a string");
    expect(new ValidationError([issue(0)]).message).toBe("items[0] must be a string");
  });

  it("the constructor keeps the first 100 and counts the rest in totalIssues and the message", () => {
    const err = new ValidationError(
      Array.from({ length: 150 }, (_, i) => issue(i)),
      "ctx",
    );
    expect(err.issues).toEqual(Array.from({ length: 100 }, (_, i) => issue(i)));
    expect(err.totalIssues).toBe(150);
    expect(err.message.endsWith("items[99] must be a string (and 50 more)")).toBe(true);
    expect(err.message).not.toContain("items[100]");
  });

  it("a totalIssues given counts problems not passed in; one below the list's length is raised to it", () => {
    expect(new ValidationError([issue(0)], "ctx", 7)).toMatchObject({ totalIssues: 7, message: "ctx: items[0] must be a string (and 6 more)" });
    expect(new ValidationError([issue(0), issue(1)], "ctx", 1).totalIssues).toBe(2);
  });

  it("collectIssues lists each path and message once, the first 100 in order, and counts distinct problems only", () => {
    const err = thrown(() => {
      const c = collectIssues("ctx", "p.");
      for (let i = 0; i < 250; i++) c.add(`items[${i % 125}]`, "type", "must be a string");
      c.issues.push({ path: "p.items[0]", keyword: "pattern", message: "must be a string" });
      c.done();
    });
    expect(err.issues).toEqual(Array.from({ length: 100 }, (_, i) => ({ ...issue(i), path: `p.items[${i}]` })));
    expect(err.totalIssues).toBe(125);
    expect(err.message.endsWith("p.items[99] must be a string (and 25 more)")).toBe(true);
  });

  it("collectIssues throws nothing when nothing was recorded", () => {
    expect(() => collectIssues("ctx").done()).not.toThrow();
  });
});
