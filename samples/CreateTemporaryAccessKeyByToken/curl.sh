# The IAM token goes in the body (and X-Auth-Token); the answer's keys need AK/SK signing (the
# SDK-HMAC-SHA256 signature) wherever they are used: for that use the TypeScript SDK,
# the hwgw CLI or the official Huawei Cloud signer.
# Use it with `eval "$(bash curl.sh)"`; the keys are secrets: never log them.
IAM="${HWGW_ENDPOINT:-https://iam.${HUAWEICLOUD_SDK_REGION:-cn-north-4}.myhuaweicloud.com}"
jq -n '{auth: {identity: {methods: ["token"], token: {id: $ENV.HWGW_TOKEN, duration_seconds: 900}}}}' |
  curl --fail-with-body -sS -X POST "$IAM/v3.0/OS-CREDENTIAL/securitytokens" \
    -H "Content-Type: application/json;charset=utf8" -H "X-Auth-Token: $HWGW_TOKEN" -d @- |
  jq -r '.credential | "export HUAWEICLOUD_SDK_AK=\(.access) HUAWEICLOUD_SDK_SK=\(.secret) HUAWEICLOUD_SDK_SECURITY_TOKEN=\(.securitytoken)"'
