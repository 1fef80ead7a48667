# An IAM token in X-Auth-Token (HWGW_TOKEN; see CreateTokenByPassword). AK/SK signing (SDK-HMAC-SHA256) cannot be
# done with curl alone: use the TypeScript SDK, the hwgw CLI or the official Huawei Cloud signer for that.
ENDPOINT="${HWGW_ENDPOINT:-https://dds.${HUAWEICLOUD_SDK_REGION:-cn-north-4}.myhuaweicloud.com}"
# Sent once: a POST that timed out may still have bound the gateway, so read the node before repeating it.
jq -n '{nat_gateway_id: $ENV.DDS_NAT_GATEWAY_ID, public_ip_id: $ENV.DDS_PUBLIC_IP_ID, external_service_port: 8635}' |
  curl --fail-with-body -sS -X POST -H "X-Auth-Token: $HWGW_TOKEN" -H "Content-Type: application/json" -d @- \
    "$ENDPOINT/v3/$HUAWEICLOUD_SDK_PROJECT_ID/instances/$DDS_INSTANCE_ID/nodes/$DDS_NODE_ID/public-gateway" || exit 1
echo
# 200 without a job id: re-read the node (ListInstances) until it shows the NAT gateway.
deadline=$((SECONDS + 600))
while [ "$SECONDS" -lt "$deadline" ]; do
  list=$(curl --fail-with-body -sS "$ENDPOINT/v3/$HUAWEICLOUD_SDK_PROJECT_ID/instances?id=$DDS_INSTANCE_ID" \
    -H "X-Auth-Token: $HWGW_TOKEN") || exit 1
  jq -e --arg node "$DDS_NODE_ID" '[.instances[].groups[].nodes[] | select(.id == $node)][0] | .nat_gateway_id == $ENV.DDS_NAT_GATEWAY_ID' <<<"$list" >/dev/null && { echo "node $DDS_NODE_ID is bound to $DDS_NAT_GATEWAY_ID"; exit 0; }
  sleep 5
done
echo "not done after 10 minutes" >&2
exit 3
