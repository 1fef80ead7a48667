/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/apig.yaml (sha256 0bd1d1a21720fe1ce049fca86c32b3991490b6e8d1747a33eba635b3a0d93e10)
 */

export interface paths {
    "/v2/{project_id}/apigw/instances/{instance_id}/ingress-unregister": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the IAM project (one per region) that owns the gateway. See "Obtaining a Project ID" in the Huawei Cloud API documentation.
                 * @example 05041fffa40025702f6dc009cc6f8f33
                 */
                project_id: components["parameters"]["ProjectId"];
                /**
                 * @description ID of the dedicated gateway, shown in the gateway information on the APIG console.
                 * @example 6a7d71827fd54572b1f31aa9548fcc81
                 */
                instance_id: components["parameters"]["InstanceId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Deregister ingress IP addresses of a gateway
         * @description Removes public, private or global EIP ingress addresses from the load balancers (ELBs) that
         *     front an **NLB-series dedicated gateway**. Other gateway editions reject the call.
         *
         *     Constraints:
         *     - `elbs` holds 1 to 10 entries; each names an ELB by `elb_id` (32 to 36 characters) and lists
         *       at most 2 addresses per ingress kind (`public_ips`, `private_ips`, `global_eips`).
         *     - An address of `type: v4` must be an IPv4 literal and one of `type: v6` an IPv6 literal.
         *     - IAM users need the `apig:instance:unregisterIngressIps` action, which depends on
         *       `elb:loadbalancers:show`.
         *
         *     The call is **asynchronous**: a 202 answer only means the job was accepted, and `job_id`
         *     identifies it. APIG publishes no API that takes this job ID, so to confirm completion poll
         *     `ShowInstance` until `status` is back to `Running` (`instance_status` 6) and check that the
         *     deregistered addresses no longer appear in `publicips` / `privateips`. A status ending in
         *     `Failed` or `Timeout` (or `Unhealthy`) means the change did not complete.
         *
         *     While another change is running on the gateway the call answers **409** `APIC.7701`; wait
         *     and retry. A **409** `APIC.7712` means a billing order has locked the gateway: pay or cancel
         *     the order first. On **429** (`APIGW.0308`) back off with jitter, honouring `Retry-After`
         *     when the gateway sends it.
         */
        put: operations["UnregisterIngressIps"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/{project_id}/apigw/instances/{instance_id}/ingress-register": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the IAM project (one per region) that owns the gateway. See "Obtaining a Project ID" in the Huawei Cloud API documentation.
                 * @example 05041fffa40025702f6dc009cc6f8f33
                 */
                project_id: components["parameters"]["ProjectId"];
                /**
                 * @description ID of the dedicated gateway, shown in the gateway information on the APIG console.
                 * @example 6a7d71827fd54572b1f31aa9548fcc81
                 */
                instance_id: components["parameters"]["InstanceId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Register ingress IP addresses of a gateway
         * @description Adds public, private or global EIP ingress addresses on the load balancers (ELBs) that front
         *     an **NLB-series dedicated gateway**, so that traffic sent to those addresses reaches the
         *     gateway. Other gateway editions reject the call. The request body and every answer are the
         *     same as for `UnregisterIngressIps`.
         *
         *     Constraints:
         *     - `elbs` holds 1 to 10 entries; each names an ELB by `elb_id` (32 to 36 characters) and lists
         *       at most 2 addresses per ingress kind.
         *     - The address literal must match its `type` (`v4` or `v6`).
         *     - IAM users need the `apig:instance:registerIngressIps` action, which depends on
         *       `elb:loadbalancers:show`.
         *
         *     The call is **asynchronous** and answers 202 with a `job_id` that no public API accepts.
         *     Confirm completion by polling `ShowInstance` until `status` is `Running` (`instance_status`
         *     6) and the new addresses appear in `publicips` / `privateips`; a `*Failed` or `*Timeout`
         *     status means the change did not complete.
         *
         *     A **409** `APIC.7701` means the gateway is busy with another change: retry later; a **409**
         *     `APIC.7712` means a billing order has locked the gateway until it is paid or cancelled. On
         *     **429** (`APIGW.0308`) back off with jitter, honouring `Retry-After` when present.
         */
        put: operations["RegisterIngressIps"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/{project_id}/apigw/instances/{instance_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the IAM project (one per region) that owns the gateway. See "Obtaining a Project ID" in the Huawei Cloud API documentation.
                 * @example 05041fffa40025702f6dc009cc6f8f33
                 */
                project_id: components["parameters"]["ProjectId"];
                /**
                 * @description ID of the dedicated gateway, shown in the gateway information on the APIG console.
                 * @example 6a7d71827fd54572b1f31aa9548fcc81
                 */
                instance_id: components["parameters"]["InstanceId"];
            };
            cookie?: never;
        };
        /**
         * Show dedicated gateway details
         * @description Returns the details of one dedicated gateway: its lifecycle state (`status` as text and
         *     `instance_status` as a numeric code), its ingress addresses (`ingress_ip`, `ingress_ip_v6`,
         *     `publicips`, `privateips`) and the load-balancer provider in front of it.
         *
         *     Use it to follow an ingress register/deregister job, since APIG offers no API for the
         *     returned `job_id`: poll with a growing interval until `status` leaves the transitional
         *     states (`Updating` / 12 and similar). `Running` (6) means the gateway is stable again;
         *     any `*Failed`, `*Timeout` or `Unhealthy` state means the change failed. Then compare the
         *     address lists with what you registered or deregistered.
         *
         *     The real API returns more fields than listed here; clients must ignore unknown fields.
         */
        get: operations["ShowInstance"];
        put?: never;
        post?: never;
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
        /** @description Body of `RegisterIngressIps` and `UnregisterIngressIps`. */
        IngressIpsRequest: {
            /** @description The load balancers to act on, each with the ingress addresses concerned. */
            elbs: components["schemas"]["ElbIngressDetails"][];
        };
        /** @description One load balancer (ELB) in front of the gateway and the ingress addresses to act on. */
        ElbIngressDetails: {
            /** @description ID of the ELB. */
            elb_id: string;
            /** @description Public network ingress addresses. */
            public_ips?: components["schemas"]["IpDetail"][];
            /** @description Private network ingress addresses. */
            private_ips?: components["schemas"]["IpDetail"][];
            /** @description Global EIP (global public network) ingress addresses. */
            global_eips?: components["schemas"]["IpDetail"][];
        };
        /**
         * @description One IP address and its version. `ip` must be an IPv4 literal when `type` is `v4` and an IPv6
         *     literal when `type` is `v6`.
         * @example {
         *       "type": "v4",
         *       "ip": "192.0.2.10"
         *     }
         * @example {
         *       "type": "v6",
         *       "ip": "2001:db8::10"
         *     }
         */
        IpDetail: {
            /**
             * @description IP address version: `v4` (IPv4) or `v6` (IPv6).
             * @enum {string}
             */
            type: "v4" | "v6";
            /** @description The IP address. */
            ip: string;
        };
        /** @description Answer to an accepted ingress register/deregister request. */
        IngressIpsJob: {
            /** @description ID of the gateway. */
            instance_id?: string;
            /** @description Human-readable job information. */
            message?: string;
            /** @description ID of the background job (for example `JOB-` followed by 32 hexadecimal digits). No public API accepts it. */
            job_id?: string;
        };
        /**
         * @description Gateway lifecycle state. `Running` is the stable, healthy state. States ending in `Failed`
         *     or `Timeout`, `RestartFail` and `Unhealthy` are failures; the others are transitional.
         * @enum {string}
         */
        InstanceStatus: "Creating" | "CreateSuccess" | "CreateFail" | "Initing" | "Registering" | "Running" | "InitingFailed" | "RegisterFailed" | "Installing" | "InstallFailed" | "Updating" | "UpdateFailed" | "Rollbacking" | "RollbackSuccess" | "RollbackFailed" | "Deleting" | "DeleteFailed" | "Unregistering" | "UnRegisterFailed" | "CreateTimeout" | "InitTimeout" | "RegisterTimeout" | "InstallTimeout" | "UpdateTimeout" | "RollbackTimeout" | "DeleteTimeout" | "UnregisterTimeout" | "Starting" | "Freezing" | "Frozen" | "Restarting" | "RestartFail" | "Unhealthy" | "RestartTimeout" | "Resizing" | "ResizeFailed" | "ResizeTimeout";
        /**
         * Format: int32
         * @description Numeric gateway state: 1 creating, 2 created, 3 creation failed, 4 initializing,
         *     5 registering, 6 running, 7 initialization failed, 8 registration failed, 10 installing,
         *     11 installation failed, 12 upgrading, 13 upgrade failed, 20 rolling back, 21 rolled back,
         *     22 rollback failed, 23 deleting, 24 deletion failed, 25 deregistering, 26 deregistration
         *     failed, 27 to 34 timeouts (creation, initialization, registration, installation, upgrade,
         *     rollback, deletion, deregistration), 35 starting, 36 freezing, 37 frozen, 38 restarting,
         *     39 restart failed, 40 abnormal, 41 restart timed out, 42 changing specifications,
         *     43 specification change failed, 44 specification change timed out.
         * @enum {integer}
         */
        InstanceStatusCode: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 10 | 11 | 12 | 13 | 20 | 21 | 22 | 23 | 24 | 25 | 26 | 27 | 28 | 29 | 30 | 31 | 32 | 33 | 34 | 35 | 36 | 37 | 38 | 39 | 40 | 41 | 42 | 43 | 44;
        /** @description One ingress address of the gateway. */
        InstanceIpDetails: {
            /** @description IPv4 address. */
            ip_address?: string;
            /** @description IPv6 address, when the gateway has one. */
            ipv6_address?: string;
            /**
             * Format: int32
             * @description Bandwidth of a public address, in Mbit/s.
             */
            bandwidth_size?: number;
        };
        /**
         * @description A billing (CBC) operation lock on the gateway; while one is held, changes are refused with 409
         *     `APIC.7712` until the order is paid. Source: table "CbcOperationLock" of the ShowDetailsOfInstanceV2
         *     reference (Open Telekom Cloud export `api-ref/source/dedicated_gateway_apis_v2/gateway_management/querying_dedicated_gateway_details.rst`)
         *     and the official model `CbcOperationLock` (huaweicloud-sdk-nodejs-v3 `services/apig/v2/model/CbcOperationLock.ts`).
         */
        CbcOperationLock: {
            /**
             * @description Why the gateway is locked. `TO_PERIOD_LOCK`: the billing mode is changing from pay-per-use
             *     to yearly/monthly (no deletion, specification change or billing change meanwhile).
             *     `PEC_CHG_LOCK`: a specification change of a yearly/monthly gateway (no deletion or
             *     specification change meanwhile); the reference's prose writes `SPEC_CHG_LOCK`, its
             *     enumeration `PEC_CHG_LOCK`, which is the value listed here.
             * @enum {string}
             */
            lock_scene?: "TO_PERIOD_LOCK" | "PEC_CHG_LOCK";
            /** @description ID of the object (the order) that set the lock. */
            lock_source_id?: string;
        };
        /** @description Details of a dedicated gateway. Only the fields the SDK relies on are listed; more are returned. */
        InstanceDetails: {
            /** @description ID of the gateway. */
            id?: string;
            /** @description Name of the gateway. */
            instance_name?: string;
            status?: components["schemas"]["InstanceStatus"];
            instance_status?: components["schemas"]["InstanceStatusCode"];
            /**
             * @description Load-balancer provider in front of the gateway: `lvs` or `elb`.
             * @enum {string}
             */
            loadbalancer_provider?: "lvs" | "elb";
            /** @description Private (VPC) IPv4 ingress address of the gateway. */
            ingress_ip?: string;
            /** @description Private (VPC) IPv6 ingress address of the gateway, when IPv6 is enabled. */
            ingress_ip_v6?: string;
            /** @description Public ingress addresses. */
            publicips?: components["schemas"]["InstanceIpDetails"][];
            /** @description Private ingress addresses. */
            privateips?: components["schemas"]["InstanceIpDetails"][];
            /** @description Addresses the gateway reports as unreliable. */
            unreliable_ips?: string[];
            /** @description Billing operation locks currently held on the gateway. */
            cbc_operation_locks?: components["schemas"]["CbcOperationLock"][];
        };
        /** @description Error body of the APIG management API (`APIC.*` / `APIG.*` codes) and of most API gateway (`APIGW.*`) errors. */
        ApigError: {
            /** @description Error code, for example `APIC.7302`. */
            error_code?: string;
            /** @description Error message. */
            error_msg?: string;
            /** @description Request ID, present on errors raised by the API gateway itself. */
            request_id?: string;
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
        /** @description Accepted. The change runs as a background job on the gateway; follow it with `ShowInstance`. */
        IngressIpsAccepted: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["IngressIpsJob"];
            };
        };
        /** @description Bad Request. The body breaks a validation rule; fix the request before retrying. */
        IngressBadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApigError"];
            };
        };
        /**
         * @description Bad Request. A path parameter breaks a validation rule.
         *
         *     Not in Huawei's reference for ShowDetailsOfInstanceV2, which lists 200, 401, 403, 404 and 500:
         *     modelled because the APIG error code appendix gives `APIC.7211` (400) for any parameter that
         *     breaks its rules, so a malformed `instance_id` can get it, and callers then get a typed
         *     `BadRequestError` rather than an undocumented status.
         */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApigError"];
            };
        };
        /**
         * @description Unauthorized. The token is missing, expired or invalid, or the AK/SK signature was rejected.
         *     Get a new token (or fix the signature / clock) before retrying.
         */
        Unauthorized: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApigError"];
            };
        };
        /** @description Forbidden. The caller lacks the IAM permission for this action on this gateway. */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApigError"];
            };
        };
        /** @description Not Found. No gateway with this ID exists in the project. */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApigError"];
            };
        };
        /**
         * @description Conflict. `APIC.7701`: the gateway's status conflicts with the operation (another change is
         *     running); this is transient: wait until `ShowInstance` reports `Running` and retry.
         *     `APIC.7712`: "The gateway operation has already been locked": a billing (CBC) order holds
         *     the gateway's operation lock (`cbc_operation_locks` in `ShowInstance`). It is **not**
         *     transient: it lasts until the order is paid (or cancelled) in the Billing Center, so do not
         *     retry before that.
         *
         *     Not in Huawei's reference for the ingress operations (their pages list 202, 400, 401, 403,
         *     404 and 500): modelled because the APIG error code appendix lists both codes with HTTP 409,
         *     `APIC.7701` "Instance status conflict." (solution: try again after the upgrade completes) and
         *     `APIC.7712` "The gateway operation has already been locked." (solution: pay the order)
         *     (https://support.huaweicloud.com/intl/en-us/api-apig/ErrorCode.html; Open Telekom Cloud export
         *     `api-ref/source/appendix/error_codes.rst`), and a caller must get a typed `ConflictError`.
         */
        Conflict: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApigError"];
            };
        };
        /**
         * @description Too Many Requests. A flow-control limit of the Huawei Cloud API gateway was reached. Retry
         *     after `Retry-After` seconds if sent, otherwise with exponential backoff and jitter. Note that
         *     this body uses `error_message`, not `error_msg`.
         *
         *     Not in Huawei's reference for these operations: modelled because every cloud API call passes
         *     through the API gateway, which answers 429 `APIGW.0308` when a flow-control policy is hit
         *     (API gateway error codes; the throttling FAQ
         *     https://support.huaweicloud.com/intl/en-us/ocr_faq/ocr_01_0041.html shows this body).
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
        /** @description Internal Server Error. A service the gateway depends on failed; retry later with backoff. */
        InternalServerError: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApigError"];
            };
        };
    };
    parameters: {
        /**
         * @description ID of the IAM project (one per region) that owns the gateway. See "Obtaining a Project ID" in the Huawei Cloud API documentation.
         * @example 05041fffa40025702f6dc009cc6f8f33
         */
        ProjectId: string;
        /**
         * @description ID of the dedicated gateway, shown in the gateway information on the APIG console.
         * @example 6a7d71827fd54572b1f31aa9548fcc81
         */
        InstanceId: string;
    };
    requestBodies: {
        /** @description The load balancers and ingress addresses to act on. */
        IngressIps: {
            content: {
                "application/json": components["schemas"]["IngressIpsRequest"];
            };
        };
    };
    headers: {
        /**
         * @description Unique ID that Huawei Cloud assigned to this request. Log it and quote it to support.
         * @example 5a63903e690bcd18d9ddf5c2ca75e827
         */
        XRequestId: string;
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
    UnregisterIngressIps: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the IAM project (one per region) that owns the gateway. See "Obtaining a Project ID" in the Huawei Cloud API documentation.
                 * @example 05041fffa40025702f6dc009cc6f8f33
                 */
                project_id: components["parameters"]["ProjectId"];
                /**
                 * @description ID of the dedicated gateway, shown in the gateway information on the APIG console.
                 * @example 6a7d71827fd54572b1f31aa9548fcc81
                 */
                instance_id: components["parameters"]["InstanceId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["IngressIps"];
        responses: {
            202: components["responses"]["IngressIpsAccepted"];
            400: components["responses"]["IngressBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    RegisterIngressIps: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the IAM project (one per region) that owns the gateway. See "Obtaining a Project ID" in the Huawei Cloud API documentation.
                 * @example 05041fffa40025702f6dc009cc6f8f33
                 */
                project_id: components["parameters"]["ProjectId"];
                /**
                 * @description ID of the dedicated gateway, shown in the gateway information on the APIG console.
                 * @example 6a7d71827fd54572b1f31aa9548fcc81
                 */
                instance_id: components["parameters"]["InstanceId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["IngressIps"];
        responses: {
            202: components["responses"]["IngressIpsAccepted"];
            400: components["responses"]["IngressBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    ShowInstance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the IAM project (one per region) that owns the gateway. See "Obtaining a Project ID" in the Huawei Cloud API documentation.
                 * @example 05041fffa40025702f6dc009cc6f8f33
                 */
                project_id: components["parameters"]["ProjectId"];
                /**
                 * @description ID of the dedicated gateway, shown in the gateway information on the APIG console.
                 * @example 6a7d71827fd54572b1f31aa9548fcc81
                 */
                instance_id: components["parameters"]["InstanceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The gateway exists; its current details. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceDetails"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
}
