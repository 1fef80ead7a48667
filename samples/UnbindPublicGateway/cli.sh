# Credentials and project from the environment, under the official SDK's names:
# HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID;
# HUAWEICLOUD_SDK_REGION (or HWGW_ENDPOINT) picks the endpoint.
# --wait re-reads the node until it shows no public gateway;
# exit code 3 if that does not happen in time.
hwgw dds gateway unbind --instance "$DDS_INSTANCE_ID" --node "$DDS_NODE_ID" --wait
