/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/dds.yaml (sha256 47ca731015a24a1c473222f354d3d4aa63ea57c23701d03edad8e35f899b1f60)
 */

export interface paths {
    "/v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the IAM project (one per region) that owns the instance. See "Obtaining a Project ID" in the Huawei Cloud API documentation.
                 * @example 619d3e78f61b4be68bc5aa0b59edcf7b
                 */
                project_id: components["parameters"]["ProjectId"];
                /**
                 * @description ID of the DB instance, as returned by `ListInstances`.
                 * @example 9136fd2a9fcd405ea4674276ce36dae8in02
                 */
                instance_id: components["parameters"]["InstanceId"];
                /**
                 * @description ID of the node to act on: a mongos node of a cluster instance, or the primary or a
                 *     secondary node of a replica set instance. Node IDs are listed in
                 *     `instances[].groups[].nodes[].id` of `ListInstances`.
                 * @example 52a4c096bb1f455d8d866956a959519eno02
                 */
                node_id: components["parameters"]["NodeId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bind a public gateway to a node
         * @description Creates a DNAT rule on a public NAT gateway so that the node becomes reachable from the
         *     internet at `EIP:external_service_port`.
         *
         *     Constraints:
         *     - Not allowed on frozen or abnormal instances.
         *     - For a cluster (sharding) instance only a mongos node can be chosen; for a replica set
         *       instance only the primary or a secondary node.
         *     - The NAT gateway must be a public NAT gateway in the same VPC **and subnet** as the
         *       instance, and the EIP must be bound to it. Source: the prerequisites of the DDS user manual
         *       page on public gateways (https://support.huaweicloud.com/usermanual-dds/dds_03_0370.html);
         *       the API reference (dds_api_0139) does not repeat them.
         *     - IAM users need `dds:instance:bindPublicGateway` plus the NAT and EIP actions it depends on
         *       (for example `nat:dnatRules:create`, `eip:publicIps:associateInstance`).
         *
         *     The answer is 200 and carries **no job ID**. To confirm the binding, call `ListInstances`
         *     with `id=<instance_id>` and check that the node in `groups[].nodes[]` now shows
         *     `nat_gateway_id` and `external_service_port`; the rule can take a short time to appear.
         *
         *     A 403 with `DBS.201015` means another operation is running on the instance: retry later.
         *     On 429 (`APIGW.0308`) back off with jitter, honouring `Retry-After` when present.
         */
        post: operations["BindPublicGateway"];
        /**
         * Unbind the public gateway from a node
         * @description Deletes the DNAT rule that exposes the node through a public NAT gateway. The request has no
         *     body.
         *
         *     Constraints:
         *     - Not allowed on frozen or abnormal instances.
         *     - For a cluster (sharding) instance only a mongos node can be chosen; for a replica set
         *       instance only the primary or a secondary node.
         *     - IAM users need `dds:instance:unbindPublicGateway` plus the NAT and EIP actions it depends
         *       on (for example `nat:dnatRules:delete`, `eip:publicIps:disassociateInstance`).
         *
         *     The answer is 200 and carries **no job ID**, and the DDS job API does not list this
         *     operation. To confirm completion, call `ListInstances` with `id=<instance_id>` and check
         *     that the node in `groups[].nodes[]` no longer shows `nat_gateway_id` /
         *     `external_service_port`; allow a short settling time before treating a remaining value as a
         *     failure. Also check that the instance `status` is `normal`.
         *
         *     A 403 with `DBS.201015` means another operation is running on the instance: retry later.
         *     On 429 (`APIGW.0308`) back off with jitter, honouring `Retry-After` when present.
         */
        delete: operations["UnbindPublicGateway"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/{project_id}/instances": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the IAM project (one per region) that owns the instance. See "Obtaining a Project ID" in the Huawei Cloud API documentation.
                 * @example 619d3e78f61b4be68bc5aa0b59edcf7b
                 */
                project_id: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * List DB instances and their nodes
         * @description Lists the DB instances of the project with their groups (shards, mongos, config or replica
         *     groups) and nodes. All filters are optional and combine with AND; page through results with
         *     `offset` and `limit`.
         *
         *     Use it to confirm a public gateway change: query with `id=<instance_id>`, find the node whose
         *     `id` is the `node_id` you acted on, and check `nat_gateway_id` / `external_service_port`
         *     (present after a bind, absent or empty after an unbind). `public_ip` on a node is the EIP
         *     bound directly to the node, which is a different feature. The instance `status` and its
         *     `actions` list show whether other operations are still running.
         */
        get: operations["ListInstances"];
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
        /** @description Body of `BindPublicGateway`. */
        BindPublicGatewayRequest: {
            /** @description ID of the public NAT gateway, in the same VPC and subnet as the instance. */
            nat_gateway_id: string;
            /** @description ID of the EIP (bound to the NAT gateway) through which the node is exposed. */
            public_ip_id: string;
            /**
             * Format: int32
             * @description Port on the EIP that is forwarded to the node's database port.
             */
            external_service_port: number;
        };
        /** @description Result of `BindPublicGateway`. */
        BindPublicGatewayResponse: {
            /** @description ID of the DB instance. */
            instance_id?: string;
            /** @description Name of the DB instance. */
            instance_name?: string;
            /** @description ID of the node. */
            node_id?: string;
            /** @description Name of the node. */
            node_name?: string;
            /** @description ID of the NAT gateway that now carries the rule. */
            nat_gateway_id?: string;
            /** @description ID of the EIP used by the rule. */
            public_ip_id?: string;
            /**
             * Format: int32
             * @description External port on the EIP.
             */
            external_service_port?: number;
        };
        /** @description Result of `UnbindPublicGateway`. */
        UnbindPublicGatewayResponse: {
            /** @description ID of the DB instance. */
            instance_id?: string;
            /** @description Name of the DB instance. */
            instance_name?: string;
            /** @description ID of the node. */
            node_id?: string;
            /** @description Name of the node. */
            node_name?: string;
        };
        /**
         * @description Instance type: `Sharding` (cluster), `ReplicaSet` (replica set) or `Single` (single node).
         * @enum {string}
         */
        DdsInstanceMode: "Sharding" | "ReplicaSet" | "Single";
        /**
         * @description Instance state: `normal` (available), `abnormal`, `creating`, `frozen`, `data_disk_full`,
         *     `createfail` (creation failed) or `enlargefail` (node addition failed). Public gateways can
         *     only be changed while the instance is neither frozen nor abnormal.
         * @enum {string}
         */
        DdsInstanceStatus: "normal" | "abnormal" | "creating" | "frozen" | "data_disk_full" | "createfail" | "enlargefail";
        /** @description One page of DB instances. */
        ListInstancesResponse: {
            /** @description The instances on this page. */
            instances?: components["schemas"]["DdsInstance"][];
            /**
             * Format: int32
             * @description Total number of instances that match the filters (all pages).
             */
            total_count?: number;
        };
        /**
         * @description A DB instance. Only the fields the SDK relies on are listed; more are returned. The official
         *     model `QueryInstanceResponse` makes most fields required, but the reference shows none as
         *     always present, so none is required here (the SDK checks what its waits read).
         */
        DdsInstance: {
            /** @description ID of the instance. */
            id?: string;
            /** @description Name of the instance. */
            name?: string;
            status?: components["schemas"]["DdsInstanceStatus"];
            mode?: components["schemas"]["DdsInstanceMode"];
            datastore?: components["schemas"]["DdsDatastore"];
            /** @description Tags of the instance (what the `tags` filter matches). */
            tags?: components["schemas"]["DdsTag"][];
            /** @description Operations currently running on the instance, for example `RESTARTING` or `RESIZE_FLAVOR`. Empty when idle. */
            actions?: string[];
            /** @description Node groups of the instance (mongos, shard and config groups of a cluster, or the replica group). */
            groups?: components["schemas"]["DdsGroup"][];
        };
        /** @description Database type and version of an instance. */
        DdsDatastore: {
            /** @description `DDS-Community` or `DDS-Enhanced`. */
            type?: string;
            /** @description Database version, for example `4.4`. */
            version?: string;
        };
        /** @description One tag of an instance. */
        DdsTag: {
            /** @description Tag key. */
            key?: string;
            /** @description Tag value. */
            value?: string;
        };
        /**
         * @description A group of nodes inside an instance. The official model `GroupResponseItem` makes all its
         *     fields required; the reference shows none as always present, so none is required here.
         */
        DdsGroup: {
            /** @description Group type, for example `mongos`, `shard`, `config`, `replica` or `single`. */
            type?: string;
            /** @description ID of the group (shard and config groups of a cluster). */
            id?: string;
            /** @description Name of the group. */
            name?: string;
            /** @description Status of the group. */
            status?: string;
            /** @description Nodes of the group. */
            nodes?: components["schemas"]["DdsNode"][];
        };
        /**
         * @description A node of an instance. The official model `NodeItem` makes all but `nat_gateway_id` and
         *     `external_service_port` required; the reference shows none as always present, so none is
         *     required here.
         */
        DdsNode: {
            /** @description ID of the node. */
            id?: string;
            /** @description Name of the node. */
            name?: string;
            /** @description Node status, for example `normal`, `abnormal`, `reboot`, `resize_flavor` or `bind_eip`. */
            status?: string;
            /** @description Node role, for example `master` (mongos), `Primary`, `Secondary`, `Hidden` or `unknown`. */
            role?: string;
            /** @description Private IP address of the node. */
            private_ip?: string;
            /** @description EIP bound directly to the node (empty when none). This is not the public gateway. */
            public_ip?: string;
            /** @description ID of the NAT gateway of the node's public gateway. Absent or empty when no public gateway is bound. */
            nat_gateway_id?: string | null;
            /**
             * Format: int32
             * @description External port of the node's public gateway. Absent or empty when no public gateway is bound.
             */
            external_service_port?: number | null;
        };
        /** @description Error body of DDS (`DBS.*` codes) and of most API gateway (`APIGW.*`) errors. */
        DdsError: {
            /** @description Error code, for example `DBS.200002`. */
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
        /**
         * @description Bad Request. A parameter is invalid; fix the request before retrying.
         *
         *     Not in Huawei's reference, which documents every error of these operations as `default` with
         *     `error_code` / `error_msg`: this status is modelled from the DDS error code appendix
         *     (https://support.huaweicloud.com/intl/en-us/api-dds/dds_api_0060.html) and, for 401, the API
         *     gateway's `APIGW.0301`, so callers get the typed error of the status.
         */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DdsError"];
            };
        };
        /**
         * @description Bad Request. A parameter is invalid, or the node cannot carry a public gateway (only mongos
         *     nodes of clusters and primary/secondary nodes of replica sets can).
         *
         *     Not in Huawei's reference for the public-gateway operations, which document every error as
         *     `default` with `error_code` / `error_msg`: this status is modelled from the DDS error code
         *     appendix (https://support.huaweicloud.com/intl/en-us/api-dds/dds_api_0060.html), so callers
         *     get the typed error of the status.
         */
        PublicGatewayBadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DdsError"];
            };
        };
        /**
         * @description Unauthorized. The API gateway rejected the token or the AK/SK signature (for example an
         *     expired token, a wrong signature or a clock more than 15 minutes off). Fix the credentials
         *     before retrying.
         *
         *     Not in Huawei's reference, which documents every error of these operations as `default` with
         *     `error_code` / `error_msg`: this status is modelled from the DDS error code appendix
         *     (https://support.huaweicloud.com/intl/en-us/api-dds/dds_api_0060.html) and, for 401, the API
         *     gateway's `APIGW.0301`, so callers get the typed error of the status.
         */
        Unauthorized: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DdsError"];
            };
        };
        /**
         * @description Forbidden. The instance does not belong to the caller or the caller lacks the permission.
         *
         *     Not in Huawei's reference, which documents every error of these operations as `default` with
         *     `error_code` / `error_msg`: this status is modelled from the DDS error code appendix
         *     (https://support.huaweicloud.com/intl/en-us/api-dds/dds_api_0060.html) and, for 401, the API
         *     gateway's `APIGW.0301`, so callers get the typed error of the status.
         */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DdsError"];
            };
        };
        /**
         * @description Forbidden. The instance or node state does not allow the operation right now, typically
         *     because another operation is in progress. Wait until the instance is idle and retry.
         *
         *     Not in Huawei's reference for the public-gateway operations, which document every error as
         *     `default` with `error_code` / `error_msg`: this status is modelled from the DDS error code
         *     appendix (https://support.huaweicloud.com/intl/en-us/api-dds/dds_api_0060.html), so callers
         *     get the typed error of the status.
         */
        PublicGatewayForbidden: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DdsError"];
            };
        };
        /**
         * @description Not Found. The instance (or node) does not exist in this project.
         *
         *     Not in Huawei's reference for the public-gateway operations, which document every error as
         *     `default` with `error_code` / `error_msg`: this status is modelled from the DDS error code
         *     appendix (https://support.huaweicloud.com/intl/en-us/api-dds/dds_api_0060.html), so callers
         *     get the typed error of the status.
         */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DdsError"];
            };
        };
        /**
         * @description Too Many Requests. A flow-control limit of the Huawei Cloud API gateway was reached. Retry
         *     after `Retry-After` seconds if sent, otherwise with exponential backoff and jitter. Note that
         *     this body uses `error_message`, not `error_msg`.
         *
         *     Not in Huawei's reference for these operations: modelled because every cloud API call passes
         *     through the API gateway, which answers 429 `APIGW.0308` when a flow-control policy is hit
         *     (throttling FAQ: https://support.huaweicloud.com/intl/en-us/ocr_faq/ocr_01_0041.html).
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
        /** @description Any other error, in the DDS error format. `DBS.200998` means the system is busy; retry later. */
        DefaultError: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DdsError"];
            };
        };
    };
    parameters: {
        /**
         * @description ID of the IAM project (one per region) that owns the instance. See "Obtaining a Project ID" in the Huawei Cloud API documentation.
         * @example 619d3e78f61b4be68bc5aa0b59edcf7b
         */
        ProjectId: string;
        /**
         * @description ID of the DB instance, as returned by `ListInstances`.
         * @example 9136fd2a9fcd405ea4674276ce36dae8in02
         */
        InstanceId: string;
        /**
         * @description ID of the node to act on: a mongos node of a cluster instance, or the primary or a
         *     secondary node of a replica set instance. Node IDs are listed in
         *     `instances[].groups[].nodes[].id` of `ListInstances`.
         * @example 52a4c096bb1f455d8d866956a959519eno02
         */
        NodeId: string;
    };
    requestBodies: never;
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
    BindPublicGateway: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the IAM project (one per region) that owns the instance. See "Obtaining a Project ID" in the Huawei Cloud API documentation.
                 * @example 619d3e78f61b4be68bc5aa0b59edcf7b
                 */
                project_id: components["parameters"]["ProjectId"];
                /**
                 * @description ID of the DB instance, as returned by `ListInstances`.
                 * @example 9136fd2a9fcd405ea4674276ce36dae8in02
                 */
                instance_id: components["parameters"]["InstanceId"];
                /**
                 * @description ID of the node to act on: a mongos node of a cluster instance, or the primary or a
                 *     secondary node of a replica set instance. Node IDs are listed in
                 *     `instances[].groups[].nodes[].id` of `ListInstances`.
                 * @example 52a4c096bb1f455d8d866956a959519eno02
                 */
                node_id: components["parameters"]["NodeId"];
            };
            cookie?: never;
        };
        /** @description The NAT gateway, EIP and external port to use. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["BindPublicGatewayRequest"];
            };
        };
        responses: {
            /** @description The public gateway rule was created for the node. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BindPublicGatewayResponse"];
                };
            };
            400: components["responses"]["PublicGatewayBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PublicGatewayForbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["DefaultError"];
        };
    };
    UnbindPublicGateway: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the IAM project (one per region) that owns the instance. See "Obtaining a Project ID" in the Huawei Cloud API documentation.
                 * @example 619d3e78f61b4be68bc5aa0b59edcf7b
                 */
                project_id: components["parameters"]["ProjectId"];
                /**
                 * @description ID of the DB instance, as returned by `ListInstances`.
                 * @example 9136fd2a9fcd405ea4674276ce36dae8in02
                 */
                instance_id: components["parameters"]["InstanceId"];
                /**
                 * @description ID of the node to act on: a mongos node of a cluster instance, or the primary or a
                 *     secondary node of a replica set instance. Node IDs are listed in
                 *     `instances[].groups[].nodes[].id` of `ListInstances`.
                 * @example 52a4c096bb1f455d8d866956a959519eno02
                 */
                node_id: components["parameters"]["NodeId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The public gateway rule was removed from the node. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnbindPublicGatewayResponse"];
                };
            };
            400: components["responses"]["PublicGatewayBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PublicGatewayForbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["DefaultError"];
        };
    };
    ListInstances: {
        parameters: {
            query?: {
                /**
                 * @description Return only the instance with this ID.
                 * @example 9136fd2a9fcd405ea4674276ce36dae8in02
                 */
                id?: string;
                /**
                 * @description Return only the instances with exactly this name; a value that starts with `*` is a fuzzy
                 *     match on the rest (`*4352` finds `dds-4352`), and `*` alone is not allowed. Instance names
                 *     have 4 to 64 characters (CreateInstance's `name`), so the value has at most 65 (`*` and a
                 *     whole name). Source: the `listInstances` parameter documentation of the official Node.js
                 *     `DdsClient` (huaweicloud-sdk-nodejs-v3 `services/dds/v3/DdsClient.ts`; the same in the Go
                 *     model `ListInstancesRequest`) and the reference
                 *     (https://support.huaweicloud.com/intl/en-us/api-dds/dds_api_0023.html).
                 * @example dds-4352
                 */
                name?: string;
                /**
                 * @description Return only the instances that carry every given tag: `key=value` pairs separated by
                 *     commas, at most 20 pairs (`env=prod,team=db`); a key must not be empty or repeated, a
                 *     value may be empty. Source: the `tags` parameter of ListInstances in the official models
                 *     (`ListInstancesRequest.tags`, a string, in Go, Python and Node.js) and the reference
                 *     (https://support.huaweicloud.com/intl/en-us/api-dds/dds_api_0023.html).
                 * @example env=prod,team=db
                 */
                tags?: string;
                /**
                 * @description Return only instances of this type: `Sharding` (cluster), `ReplicaSet` or `Single` (single node).
                 * @example ReplicaSet
                 */
                mode?: components["schemas"]["DdsInstanceMode"];
                /**
                 * @description Return only the instances of this database type: `DDS-Community` (Community Edition) or
                 *     `DDS-Enhanced` (Enhanced Edition). Source: the official models' enum
                 *     (Go `ListInstancesRequestDatastoreTypeEnum`, the Node.js `DdsClient.listInstances` type
                 *     `'DDS-Community' | 'DDS-Enhanced'`); the reference's prose names only `DDS-Community`.
                 * @example DDS-Community
                 */
                datastore_type?: "DDS-Community" | "DDS-Enhanced";
                /**
                 * @description Return only instances in this VPC.
                 * @example 3dbd6f0d-6b3c-4a0f-8a0b-7e5b2c1d9f40
                 */
                vpc_id?: string;
                /**
                 * @description Return only instances in this subnet (the subnet's network ID).
                 * @example 6e2c8a1b-4d7f-4c3e-9a5b-1f0d2e3c4b5a
                 */
                subnet_id?: string;
                /**
                 * @description Index of the first instance to return, starting at 0.
                 * @example 0
                 */
                offset?: number;
                /**
                 * @description Maximum number of instances to return, 1 to 100.
                 * @example 10
                 */
                limit?: number;
            };
            header?: never;
            path: {
                /**
                 * @description ID of the IAM project (one per region) that owns the instance. See "Obtaining a Project ID" in the Huawei Cloud API documentation.
                 * @example 619d3e78f61b4be68bc5aa0b59edcf7b
                 */
                project_id: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The instances that match the filters. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListInstancesResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["DefaultError"];
        };
    };
}
