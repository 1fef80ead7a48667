# Authenticates with an IAM token in X-Auth-Token (HWGW_TOKEN; see CreateTokenByPassword).
# AK/SK signing (SDK-HMAC-SHA256) cannot be done with curl alone: use the TypeScript SDK,
# the hwgw CLI or the official Huawei Cloud signer for that.
ENDPOINT="${HWGW_ENDPOINT:-https://apig.${HUAWEICLOUD_SDK_REGION:-cn-north-4}.myhuaweicloud.com}"
curl --fail-with-body -sS -H "X-Auth-Token: $HWGW_TOKEN" \
  "$ENDPOINT/v2/$HUAWEICLOUD_SDK_PROJECT_ID/apigw/instances/$APIG_INSTANCE_ID"
