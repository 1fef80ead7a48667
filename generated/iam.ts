/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/iam.yaml (sha256 eddf033918674596a33bf3ba07a8dc17e57ca8dd1d141f31db35f7cb813bc40d)
 */

export interface paths {
    "/v3/auth/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Obtain a user token with a password
         * @description Authenticates an IAM user (or the account itself) by user name, password and account
         *     (domain) name, and returns a token in the **`X-Subject-Token` response header**. Send that
         *     value as `X-Auth-Token` when calling APIG, DDS and other services.
         *
         *     - `scope` is mandatory. Scope the token to a project (`scope.project.id` or
         *       `scope.project.name`, for example `cn-north-4`) to call regional services such as APIG and
         *       DDS. A `scope.domain` scope gives a token for global services; when both are given, the
         *       project wins; an empty `scope` gives a global (domain-level) token.
         *     - A token is valid for **24 hours**. Cache it and obtain a new one well before `expires_at`;
         *       requesting a new token does not invalidate older ones. Tokens become invalid early
         *       (within about 30 minutes) when the user is deleted or disabled, or its password, access
         *       keys or permissions change.
         *     - Users with MFA login protection cannot use this password-only operation.
         *     - Pass `nocatalog=true` (any non-empty value) to omit the (large) service catalog from the body.
         *
         *     The call needs no authentication. Never log the request body or the returned token.
         *     On 429 (`APIGW.0308`) back off with jitter, honouring `Retry-After` when present.
         */
        post: operations["CreateTokenByPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List projects, for example the project named after a region
         * @description Lists the projects the caller may see, filtered by the query. The SDKs call it with
         *     `name={region}` to discover the project ID of a region when the caller gave AK/SK and a
         *     region but no project ID: exactly one project is expected; none means the account has no
         *     project in that region, several mean the caller must choose one.
         *
         *     Authenticate with a token (`X-Auth-Token`) or an AK/SK signature (without `X-Project-Id`:
         *     the project is what is being looked up). Source: the reference
         *     (https://support.huaweicloud.com/intl/en-us/api-iam/iam_06_0001.html) and the official
         *     cores (Python `huaweicloudsdkcore/auth/internal.py` `IamHelper.KEYSTONE_LIST_PROJECT_URI`
         *     with query `name`; `credentials.py` takes `projects[0].id`, failing on zero or several).
         */
        get: operations["KeystoneListProjects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3.0/OS-AUTH/id-token/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange an OpenID Connect ID token for an IAM token
         * @description Federation: exchanges an ID token issued by an OpenID Connect identity provider that is
         *     configured in IAM (its ID in the `X-Idp-Id` header) for an IAM token of the federated user,
         *     returned in the **`X-Subject-Token` response header**. Without `scope` the token is
         *     unscoped, which is what the SDKs exchange next for temporary AK/SK
         *     (`CreateTemporaryAccessKeyByToken`).
         *
         *     The ID token is the credential: the call needs no other authentication. Never log the
         *     request body or the returned token. Source: the reference
         *     (https://support.huaweicloud.com/intl/en-us/api-iam/iam_13_0605.html) and the official
         *     Python core (`huaweicloudsdkcore/auth/internal.py`, `IamHelper.CREATE_TOKEN_BY_ID_TOKEN_URI`,
         *     body `auth.id_token.id`, header `X-Idp-Id`, token read from `X-Subject-Token`).
         */
        post: operations["CreateTokenWithIdToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3.0/OS-CREDENTIAL/securitytokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Obtain temporary AK/SK and a security token with an IAM token
         * @description Exchanges an IAM token (for example the unscoped token of `CreateTokenWithIdToken`) for a
         *     temporary access key, secret key and security token valid for `duration_seconds` (900 to
         *     86400, default 900). Sign requests with the temporary AK/SK as with permanent ones and
         *     send the security token as the signed header `X-Security-Token`; they are refused once
         *     `expires_at` has passed.
         *
         *     The token is given in the body (`auth.identity.token.id`), as the official Python and Go
         *     cores send it (`IamHelper.get_create_temporary_access_key_by_token_request`,
         *     `GetCreateTemporaryAccessKeyByTokenRequest`: no `X-Auth-Token` header), so the call needs
         *     no other authentication. The reference lists an `X-Auth-Token` header as required; the
         *     emulator takes the token from either place. Never log the request body or the
         *     answer. Source: the reference
         *     (https://support.huaweicloud.com/intl/en-us/api-iam/iam_04_0002.html) and the official
         *     Python core (`huaweicloudsdkcore/auth/internal.py`,
         *     `IamHelper.CREATE_TEMPORARY_ACCESS_KEY_BY_TOKEN_URI`, methods `["token"]`,
         *     `duration_seconds` 6 hours, credentials read from `credential`).
         */
        post: operations["CreateTemporaryAccessKeyByToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Body of `KeystoneListProjects`. */
        ListProjectsResponse: {
            links?: components["schemas"]["PageLinks"];
            /** @description The matching projects; empty when none matches. */
            projects?: components["schemas"]["ProjectResult"][];
        };
        /** @description Links of a listing. */
        PageLinks: {
            /** @description This listing. */
            self?: string;
            /** @description The previous page; `null` on the first. */
            previous?: string | null;
            /** @description The next page; `null` on the last. */
            next?: string | null;
        };
        /** @description A project. Source of the fields: the official model `ProjectResult`. */
        ProjectResult: {
            /** @description Project ID. */
            id?: string;
            /** @description Project name, for example the region ID `cn-north-4`. */
            name?: string;
            /** @description Account (domain) ID. */
            domain_id?: string;
            /** @description ID of the parent (the account for a region's default project). */
            parent_id?: string;
            /** @description Always `false` for a project. */
            is_domain?: boolean;
            /** @description Whether the project is enabled. */
            enabled?: boolean;
            /** @description Project description. */
            description?: string;
            links?: components["schemas"]["SelfLink"];
        };
        /** @description Link to a resource. */
        SelfLink: {
            /** @description The resource's URL. */
            self?: string;
        };
        /** @description Body of `CreateTokenWithIdToken`. */
        CreateTokenWithIdTokenRequest: {
            auth: components["schemas"]["IdTokenAuth"];
        };
        /**
         * @description The ID token. The service also takes a `scope` (project or domain, as in
         *     `CreateTokenByPassword`; official model `GetIdTokenAuthParams.scope`) for a scoped token;
         *     this subset models only the unscoped exchange the credential providers make, so `scope` is
         *     not accepted here.
         */
        IdTokenAuth: {
            id_token: components["schemas"]["IdTokenBody"];
        };
        /** @description The OpenID Connect ID token. */
        IdTokenBody: {
            /**
             * Format: password
             * @description The ID token (a JWT) issued by the identity provider. A secret; never logged.
             */
            id: string;
        };
        /** @description Body of `CreateTemporaryAccessKeyByToken`. */
        CreateTemporaryAccessKeyByTokenRequest: {
            auth: components["schemas"]["SecurityTokenAuth"];
        };
        /** @description Authentication information. */
        SecurityTokenAuth: {
            identity: components["schemas"]["SecurityTokenIdentity"];
        };
        /** @description How the caller proves its identity; here, by an IAM token. */
        SecurityTokenIdentity: {
            /** @description Authentication methods; always `["token"]` for this operation. */
            methods: "token"[];
            token: components["schemas"]["SecurityTokenToken"];
        };
        /** @description The IAM token and the lifetime of the temporary credentials. */
        SecurityTokenToken: {
            /**
             * Format: password
             * @description The IAM token (an `X-Subject-Token` value). A secret; never logged.
             */
            id?: string;
            /**
             * Format: int32
             * @description Lifetime of the temporary credentials in seconds, 900 (15 minutes) to 86400 (24 hours);
             *     900 when left out. (No `default` keyword: the generated type would make the field required.)
             */
            duration_seconds?: number;
        };
        /** @description Body of `CreateTemporaryAccessKeyByToken`. */
        TemporaryCredentialResponse: {
            credential?: components["schemas"]["TemporaryCredential"];
        };
        /**
         * @description Temporary credentials. Sign with `access`/`secret` and send `securitytoken` as
         *     `X-Security-Token`; all three are refused after `expires_at`. Secrets: never logged.
         */
        TemporaryCredential: {
            /** @description Temporary access key ID. */
            access?: string;
            /**
             * Format: password
             * @description Temporary secret access key.
             */
            secret?: string;
            /**
             * Format: password
             * @description Security token, sent as `X-Security-Token`.
             */
            securitytoken?: string;
            /**
             * Format: date-time
             * @description When the credentials expire (UTC, ISO 8601 with microseconds).
             */
            expires_at?: string;
        };
        /** @description Body of `CreateTokenByPassword`. */
        CreateTokenByPasswordRequest: {
            auth: components["schemas"]["PasswordAuth"];
        };
        /** @description Authentication information. */
        PasswordAuth: {
            identity: components["schemas"]["PasswordIdentity"];
            scope: components["schemas"]["AuthScope"];
        };
        /** @description How the user proves its identity; here, by password. */
        PasswordIdentity: {
            /** @description Authentication methods; always `["password"]` for this operation. */
            methods: "password"[];
            password: components["schemas"]["PasswordCredentials"];
        };
        /** @description Password credentials. */
        PasswordCredentials: {
            user: components["schemas"]["PasswordUser"];
        };
        /** @description The user that authenticates and the account (domain) it belongs to. */
        PasswordUser: {
            /** @description IAM user name (or the account name when the account itself authenticates). */
            name: string;
            /**
             * Format: password
             * @description The user's login password. Sent only in requests; never logged.
             */
            password: string;
            domain: components["schemas"]["DomainName"];
        };
        /** @description Account (domain) that owns the user, identified by name. */
        DomainName: {
            /** @description Account name. */
            name: string;
        };
        /**
         * @description Scope of the token; mandatory. Use `project` for regional services such as APIG and DDS;
         *     `domain` gives a token for global services. When both are given the project wins; an empty
         *     scope gives a global (domain-level) token. Source: the reference
         *     (https://support.huaweicloud.com/api-iam/iam_30_0001.html; Open Telekom Cloud export
         *     `api-ref/source/apis/token_management/obtaining_a_user_token_through_password_authentication.rst`:
         *     `scope` Mandatory "Yes", "if you leave scope empty, the token applies to global services")
         *     and the official models `PwdAuth` (Go: `Scope` without `omitempty`; Python: always assigned;
         *     Node.js: a constructor parameter).
         */
        AuthScope: {
            project?: components["schemas"]["ScopeTarget"];
            domain?: components["schemas"]["ScopeTarget"];
        };
        /** @description A project or account (domain) given by `id` or by `name`. At least one is required. */
        ScopeTarget: {
            /** @description ID of the project or account. */
            id?: string;
            /** @description Name of the project (for example `cn-north-4`) or account. */
            name?: string;
        };
        /** @description Body of a successful token request. */
        TokenResponse: {
            token?: components["schemas"]["Token"];
        };
        /**
         * @description Details of the issued token. The token itself is in the `X-Subject-Token` header. The
         *     official models (`TokenResult`) make `catalog`, `expires_at`, `issued_at`, `methods`, `roles`
         *     and `user` required, but the reference shows no field as always present (and `catalog` is
         *     absent with `nocatalog`), so none is required here; the SDK checks `expires_at` itself.
         */
        Token: {
            /**
             * Format: date-time
             * @description When the token expires (UTC, ISO 8601). Renew it well before then.
             */
            expires_at?: string;
            /**
             * Format: date-time
             * @description When the token was issued (UTC, ISO 8601).
             */
            issued_at?: string;
            /**
             * @description When the user passed multi-factor authentication; present only when virtual MFA login
             *     authentication is enabled. Source: the reference's token table
             *     (https://support.huaweicloud.com/intl/en-us/api-iam/iam_30_0001.html; Open Telekom Cloud
             *     export `api-ref/source/apis/token_management/obtaining_a_user_token_through_password_authentication.rst`).
             */
            mfa_authn_at?: string;
            /** @description How the user authenticated, for example `["password"]`. */
            methods?: string[];
            project?: components["schemas"]["TokenProject"];
            domain?: components["schemas"]["TokenDomain"];
            user?: components["schemas"]["TokenUser"];
            /** @description Roles the user holds in the token's scope. */
            roles?: components["schemas"]["TokenRole"][];
            /** @description Service catalog; omitted when `nocatalog=true`. */
            catalog?: components["schemas"]["CatalogService"][];
        };
        /** @description An account (domain). */
        TokenDomain: {
            /** @description Account ID. */
            id?: string;
            /** @description Account name. */
            name?: string;
        };
        /** @description The project the token is scoped to. */
        TokenProject: {
            /** @description Project ID. */
            id?: string;
            /** @description Project name. */
            name?: string;
            domain?: components["schemas"]["TokenDomain"];
        };
        /** @description The authenticated user. */
        TokenUser: {
            /** @description User ID. */
            id?: string;
            /** @description User name. */
            name?: string;
            /** @description When the user's password expires; `null` when it never expires. */
            password_expires_at?: string | null;
            domain?: components["schemas"]["TokenDomain"];
        };
        /** @description A role held by the user. */
        TokenRole: {
            /** @description Role ID. */
            id?: string;
            /** @description Role name. */
            name?: string;
        };
        /** @description A service in the catalog and its endpoints. */
        CatalogService: {
            /** @description Service ID. */
            id?: string;
            /** @description Service type. */
            type?: string;
            /** @description Service name. */
            name?: string;
            /** @description Endpoints of the service. */
            endpoints?: components["schemas"]["CatalogEndpoint"][];
        };
        /** @description One endpoint of a catalog service. */
        CatalogEndpoint: {
            /** @description Endpoint ID. */
            id?: string;
            /** @description Endpoint visibility, for example `public`. */
            interface?: string;
            /** @description Region of the endpoint. */
            region?: string;
            /** @description Region ID of the endpoint. */
            region_id?: string;
            /** @description Base URL of the endpoint. */
            url?: string;
        };
        /**
         * @description IAM error body. Keystone-style operations answer with `error` (`code`, `title`, `message`);
         *     others answer with `error_code` (`IAM.xxxx`) and `error_msg`. Read whichever is present.
         */
        IamError: {
            error?: components["schemas"]["KeystoneErrorDetail"];
            /** @description Huawei-style error code, for example `IAM.0007`. */
            error_code?: string;
            /** @description Huawei-style error message. */
            error_msg?: string;
        };
        /** @description Keystone-style error details. */
        KeystoneErrorDetail: {
            /**
             * Format: int32
             * @description HTTP status code.
             */
            code?: number;
            /** @description HTTP reason phrase, for example `Unauthorized`. */
            title?: string;
            /** @description Error message. */
            message?: string;
        };
        /** @description Body of the HTTP 429 answer of the Huawei Cloud API gateway. The message is in `error_message`. */
        ThrottlingError: {
            /**
             * Format: int32
             * @description HTTP status code, 429.
             */
            status_code?: number;
            /** @description Request ID. */
            request_id?: string;
            /** @description Error code, `APIGW.0308` (older documents write `APIG.0308`). */
            error_code?: string;
            /** @description Error message naming the throttling policy and limit. */
            error_message?: string;
            /** @description Encoded authorization details; usually empty. */
            encoded_authorization_message?: string;
        };
    };
    responses: {
        /** @description Bad Request. The query or body is malformed or a parameter is invalid; fix it before retrying. */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["IamError"];
            };
        };
        /**
         * @description Unauthorized. The token, ID token or signature was rejected, or temporary credentials have
         *     expired. Obtain new credentials before retrying.
         */
        Unauthorized: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["IamError"];
            };
        };
        /** @description Forbidden. The caller may not perform this action. */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["IamError"];
            };
        };
        /**
         * @description Too Many Requests. A flow-control limit of the Huawei Cloud API gateway was reached. Retry
         *     after `Retry-After` seconds if sent, otherwise with exponential backoff and jitter. This
         *     body uses `error_message`, not `error_msg`.
         */
        TooManyRequests: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ThrottlingError"];
            };
        };
        /** @description Internal Server Error. Retry later with backoff. */
        InternalServerError: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["IamError"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /**
         * @description Unique ID that Huawei Cloud assigned to this request. Log it and quote it to support.
         * @example 5a63903e690bcd18d9ddf5c2ca75e827
         */
        XRequestId: string;
        /**
         * @description The issued token. Send it unchanged as `X-Auth-Token`. It is a secret: never log it. Tokens
         *     are several kilobytes long.
         * @example MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEwgXXXXX
         */
        XSubjectToken: string;
        /**
         * @description Seconds to wait before retrying. Not in Huawei's reference: no Huawei page or official SDK
         *     documents or reads this header. It is modelled so that a gateway or proxy that sends the
         *     standard HTTP header (RFC 9110 §10.2.3) is honoured; when it is absent, back off
         *     exponentially with jitter.
         * @example 2
         */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    CreateTokenByPassword: {
        parameters: {
            query?: {
                /**
                 * @description Leaves the (large) service catalog out of the response body. A **string**: any non-empty
                 *     value omits the catalog, so `nocatalog=false` omits it too; to get the catalog, leave the
                 *     parameter out. Source: the reference
                 *     (https://support.huaweicloud.com/api-iam/iam_30_0001.html: type String, "any non-empty
                 *     string is interpreted as true") and the official models
                 *     `KeystoneCreateUserTokenByPasswordRequest.nocatalog`, a string in Python (`str`), Go
                 *     (`*string`) and Node.js (`string`).
                 * @example true
                 */
                nocatalog?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description The user's credentials and the requested scope. The reference asks for
         *     `Content-Type: application/json;charset=utf8`, which is what the SDK sends; the official
         *     Go, Node.js and Python clients send `application/json;charset=UTF-8` (`iam_meta.go`,
         *     `IamClient.ts`, `iam_client.py`), which the service takes too: any `application/json`
         *     media type, the second entry below.
         */
        requestBody: {
            content: {
                "application/json;charset=utf8": components["schemas"]["CreateTokenByPasswordRequest"];
                "application/json": components["schemas"]["CreateTokenByPasswordRequest"];
            };
        };
        responses: {
            /** @description Created. The token is in the `X-Subject-Token` header; the body describes it. */
            201: {
                headers: {
                    "X-Subject-Token": components["headers"]["XSubjectToken"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description Bad Request. The body is malformed or a parameter is invalid; fix it before retrying. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IamError"];
                };
            };
            /**
             * @description Unauthorized. The user name, password or account name is wrong, or the user is disabled or
             *     locked. Do not retry automatically with the same credentials: repeated failures can lock
             *     the user.
             */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IamError"];
                };
            };
            /**
             * @description Forbidden. The user may not obtain this token, for example because programmatic access is
             *     disabled for the user or the requested project is not accessible.
             */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IamError"];
                };
            };
            /** @description The requested resource cannot be found (listed by the reference). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IamError"];
                };
            };
            /**
             * @description Too Many Requests. A flow-control limit of the Huawei Cloud API gateway was reached. Retry
             *     after `Retry-After` seconds if sent, otherwise with exponential backoff and jitter. Note
             *     that this body uses `error_message`, not `error_msg`.
             *
             *     Not in Huawei's reference for this operation (it lists 201, 400, 401, 403, 404, 500 and
             *     503): modelled because the API gateway in front of every cloud API answers 429 `APIGW.0308`
             *     when a flow-control policy is hit (throttling FAQ:
             *     https://support.huaweicloud.com/intl/en-us/ocr_faq/ocr_01_0041.html).
             */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThrottlingError"];
                };
            };
            /** @description Internal Server Error. Retry later with backoff. */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IamError"];
                };
            };
            /** @description Service Unavailable (listed by the reference). Retry later with backoff. */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IamError"];
                };
            };
        };
    };
    KeystoneListProjects: {
        parameters: {
            query?: {
                /**
                 * @description Project name; a region ID such as `cn-north-4` names that region's default project.
                 * @example cn-north-4
                 */
                name?: string;
                /**
                 * @description Account (domain) ID the projects belong to.
                 * @example d78cbac186b744899480f25bd022f468
                 */
                domain_id?: string;
                /**
                 * @description Only enabled (`true`) or disabled (`false`) projects.
                 * @example true
                 */
                enabled?: boolean;
                /**
                 * @description Page number, from 1; give it together with `per_page`.
                 * @example 1
                 */
                page?: number;
                /**
                 * @description Projects per page, 1 to 5000; give it together with `page`.
                 * @example 10
                 */
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. The matching projects (possibly none). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListProjectsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    CreateTokenWithIdToken: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the identity provider configured in IAM that issued the ID token.
                 * @example example-oidc-idp
                 */
                "X-Idp-Id": string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description The ID token; without a scope the token is unscoped. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTokenWithIdTokenRequest"];
            };
        };
        responses: {
            /** @description Created. The token is in the `X-Subject-Token` header; the body describes it. */
            201: {
                headers: {
                    "X-Subject-Token": components["headers"]["XSubjectToken"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    CreateTemporaryAccessKeyByToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The token and the requested lifetime. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTemporaryAccessKeyByTokenRequest"];
            };
        };
        responses: {
            /** @description Created. The temporary credentials. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemporaryCredentialResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
}
