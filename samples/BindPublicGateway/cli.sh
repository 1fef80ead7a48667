# Credentials and project from the environment, under the official SDK's names:
# HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID;
# HUAWEICLOUD_SDK_REGION (or HWGW_ENDPOINT) picks the endpoint.
# Not retried after a server error (the bind may have happened);
# --wait re-reads the node until it shows the gateway.
hwgw dds gateway bind --instance "$DDS_INSTANCE_ID" --node "$DDS_NODE_ID" \
  --nat-gateway "$DDS_NAT_GATEWAY_ID" --public-ip-id "$DDS_PUBLIC_IP_ID" --port 8635 --wait
