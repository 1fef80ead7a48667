# Credentials and project from the environment, under the official SDK's names:
# HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID;
# HUAWEICLOUD_SDK_REGION (or HWGW_ENDPOINT) picks the endpoint.
hwgw apig instance show --instance "$APIG_INSTANCE_ID"
# The answer as the API sent it, for scripts:
hwgw apig instance show --instance "$APIG_INSTANCE_ID" --json
