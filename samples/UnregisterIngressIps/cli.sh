# Credentials and project from the environment, under the official SDK's names:
# HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID;
# HUAWEICLOUD_SDK_REGION (or HWGW_ENDPOINT) picks the endpoint.
# --wait follows the gateway until it is Running without the address;
# exit code 3 if the job failed or timed out.
hwgw apig ingress deregister --instance "$APIG_INSTANCE_ID" --elb "$APIG_ELB_ID" \
  --public-ip "v4:$APIG_PUBLIC_IP" --wait --max-wait-ms 600000
