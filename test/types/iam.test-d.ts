/**
 * Layer 7, generated types pinned: IAM. Checked by `tsc -p tsconfig.json` (part of `npm test`); never executed.
 * See apig.test-d.ts for how the checks fail.
 */
import { describe, expectTypeOf, it } from "vitest";
import {
  createIamClient,
  type CallOptions,
  type CreateTokenByPasswordRequest,
  type CreateTokenQuery,
  type IamClient,
  type IssuedToken,
  type TokenResponse,
} from "../../src/index.js";

declare const iam: IamClient;
declare const issued: IssuedToken;

type Scope = { id?: string; name?: string };

describe("IAM types", () => {
  it("createIamClient returns an IamClient", () => {
    expectTypeOf(createIamClient).returns.toEqualTypeOf<IamClient>();
  });

  it("createTokenByPassword: (body, query?, options?) → the token and the body", () => {
    expectTypeOf(iam.createTokenByPassword).parameters.toEqualTypeOf<[body: CreateTokenByPasswordRequest, query?: CreateTokenQuery, options?: CallOptions]>();
    expectTypeOf(iam.createTokenByPassword).returns.resolves.toEqualTypeOf<IssuedToken>();
    expectTypeOf(issued.token).toEqualTypeOf<string>();
    expectTypeOf(issued.body).toEqualTypeOf<TokenResponse>();
    expectTypeOf(issued.expiresAt).toEqualTypeOf<string>();
    expectTypeOf(issued.body.token?.expires_at).toEqualTypeOf<string | undefined>();
    expectTypeOf(issued.body.token?.mfa_authn_at).toEqualTypeOf<string | undefined>();
    expectTypeOf(issued.body.token?.methods).toEqualTypeOf<string[] | undefined>();
    // A string in the reference and the official models: any non-empty value leaves the catalog out.
    expectTypeOf<CreateTokenQuery>().toEqualTypeOf<{ nocatalog?: string }>();
    expectTypeOf<CreateTokenByPasswordRequest>().toEqualTypeOf<{
      auth: {
        identity: { methods: "password"[]; password: { user: { name: string; password: string; domain: { name: string } } } };
        scope: { project?: Scope; domain?: Scope };
      };
    }>();
  });

  it("a wrong field name, enum value, missing field or extra property does not compile", () => {
    const user = { name: "u", password: "p", domain: { name: "d" } };
    const ok: CreateTokenByPasswordRequest = { auth: { identity: { methods: ["password"], password: { user } }, scope: { project: { name: "cn-north-4" } } } };
    // @ts-expect-error missing required field: scope (mandatory in the reference and the Go/Python models)
    const noScope: CreateTokenByPasswordRequest = { auth: { identity: { methods: ["password"], password: { user } } } };
    // @ts-expect-error wrong enum value: token is not an allowed method here
    const wrongEnum: CreateTokenByPasswordRequest = { auth: { identity: { methods: ["token"], password: { user } }, scope: {} } };
    const missing: CreateTokenByPasswordRequest = {
      // @ts-expect-error missing required field: domain
      auth: { identity: { methods: ["password"], password: { user: { name: "u", password: "p" } } }, scope: {} },
    };
    // @ts-expect-error wrong field name: projects instead of project
    const wrongName: CreateTokenByPasswordRequest = { auth: { identity: ok.auth.identity, scope: { projects: { name: "cn-north-4" } } } };
    // @ts-expect-error extra property in the request body
    void iam.createTokenByPassword({ auth: ok.auth, remember: true });
    // @ts-expect-error nocatalog is a string, not a boolean
    void iam.createTokenByPassword(ok, { nocatalog: true });
    void [ok, noScope, wrongEnum, missing, wrongName];
  });
});
