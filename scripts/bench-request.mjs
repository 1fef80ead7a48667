// The one request scripts/bench.mjs sends and signs in every section: a GET of one APIG gateway (ShowInstance) in
// one project, with made-up AK/SK credentials (the bench servers check no signature).
export const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
export const INSTANCE = "6a7d71827fd54572b1f31aa9548fcc81";
export const AK = "BENCHAKEXAMPLE0000000";
export const SK = "bench-secret-key-not-real-0000000000000000";
export const ROUTE = "/v2/{project_id}/apigw/instances/{instance_id}";
