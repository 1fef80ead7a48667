# Authenticates with an IAM token in X-Auth-Token (HWGW_TOKEN; see CreateTokenByPassword).
# AK/SK signing (SDK-HMAC-SHA256) cannot be done with curl alone: use the TypeScript SDK,
# the hwgw CLI or the official Huawei Cloud signer for that.
ENDPOINT="${HWGW_ENDPOINT:-https://dds.${HUAWEICLOUD_SDK_REGION:-cn-north-4}.myhuaweicloud.com}"
INSTANCES="$ENDPOINT/v3/$HUAWEICLOUD_SDK_PROJECT_ID/instances"
curl --fail-with-body -sS -X DELETE -H "X-Auth-Token: $HWGW_TOKEN" \
  "$INSTANCES/$DDS_INSTANCE_ID/nodes/$DDS_NODE_ID/public-gateway" || exit 1
echo
# 200 without a job id: re-read the node (ListInstances) until it shows no nat_gateway_id.
ready='.instances[].groups[].nodes[] | select(.id == $node) | (.nat_gateway_id // "") == ""'
deadline=$((SECONDS + 600))
while [ "$SECONDS" -lt "$deadline" ]; do
  list=$(curl --fail-with-body -sS "$INSTANCES?id=$DDS_INSTANCE_ID" -H "X-Auth-Token: $HWGW_TOKEN") || exit 1
  if jq -e --arg node "$DDS_NODE_ID" "$ready" <<<"$list" >/dev/null; then
    echo "node $DDS_NODE_ID has no public gateway"
    exit 0
  fi
  sleep 5
done
echo "not done after 10 minutes" >&2
exit 3
