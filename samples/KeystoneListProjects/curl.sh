# With an IAM token (X-Auth-Token); AK/SK signing needs the SDK-HMAC-SHA256 signature, so for
# AK/SK use the TypeScript SDK,
# the hwgw CLI or the official Huawei Cloud signer.
IAM="${HWGW_ENDPOINT:-https://iam.${HUAWEICLOUD_SDK_REGION:-cn-north-4}.myhuaweicloud.com}"
REGION="${HUAWEICLOUD_SDK_REGION:-cn-north-4}"
curl --fail-with-body -sS "$IAM/v3/projects?name=$REGION" -H "X-Auth-Token: $HWGW_TOKEN" |
  jq -r '.projects[] | "\(.name) \(.id)"'
