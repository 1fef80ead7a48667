# Needs no other authentication: the ID token is the credential. The unscoped token comes back in
# the X-Subject-Token header (AK/SK signing, where an API needs it, needs the SDK or a signer).
# Use it with `eval "$(bash curl.sh)"`; the token is a secret: never log it.
IAM="${HWGW_ENDPOINT:-https://iam.${HUAWEICLOUD_SDK_REGION:-cn-north-4}.myhuaweicloud.com}"
token=$(
  jq -n --rawfile id "$HUAWEICLOUD_SDK_ID_TOKEN_FILE" '{auth: {id_token: {id: ($id | rtrimstr("\n"))}}}' |
    curl --fail-with-body -sS -X POST "$IAM/v3.0/OS-AUTH/id-token/tokens" \
      -H "Content-Type: application/json;charset=utf8" -H "X-Idp-Id: $HUAWEICLOUD_SDK_IDP_ID" -d @- -D - -o /dev/null |
    tr -d '\r' | awk 'tolower($1) == "x-subject-token:" { print $2 }'
)
[ -n "$token" ] || { echo "no X-Subject-Token in the answer" >&2; exit 1; }
echo "export HWGW_TOKEN=$token"
