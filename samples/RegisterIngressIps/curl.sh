# Authenticates with an IAM token in X-Auth-Token (HWGW_TOKEN; see CreateTokenByPassword).
# AK/SK signing (SDK-HMAC-SHA256) cannot be done with curl alone: use the TypeScript SDK,
# the hwgw CLI or the official Huawei Cloud signer for that.
ENDPOINT="${HWGW_ENDPOINT:-https://apig.${HUAWEICLOUD_SDK_REGION:-cn-north-4}.myhuaweicloud.com}"
GATEWAY="$ENDPOINT/v2/$HUAWEICLOUD_SDK_PROJECT_ID/apigw/instances/$APIG_INSTANCE_ID"
jq -n '{elbs: [{elb_id: $ENV.APIG_ELB_ID, public_ips: [{type: "v4", ip: $ENV.APIG_PUBLIC_IP}]}]}' |
  curl --fail-with-body -sS -X PUT "$GATEWAY/ingress-register" -d @- \
    -H "X-Auth-Token: $HWGW_TOKEN" -H "Content-Type: application/json" || exit 1
echo
# 202 {"job_id": …}, but no API takes the job id: poll the gateway
# until it is Running and lists the address.
ready='[.publicips[]?.ip_address] | index($ip) != null'
deadline=$((SECONDS + 600))
while [ "$SECONDS" -lt "$deadline" ]; do
  gw=$(curl --fail-with-body -sS "$GATEWAY" -H "X-Auth-Token: $HWGW_TOKEN") || exit 1
  status=$(jq -r .status <<<"$gw")
  case $status in *Failed | *Timeout | Unhealthy) echo "failed: $status" >&2; exit 3 ;; esac
  if [ "$status" = Running ] && jq -e --arg ip "$APIG_PUBLIC_IP" "$ready" <<<"$gw" >/dev/null; then
    echo "$APIG_PUBLIC_IP registered"
    exit 0
  fi
  sleep 5
done
echo "not done after 10 minutes" >&2
exit 3
